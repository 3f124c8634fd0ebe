package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.config.IngestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The exact FFmpeg command of each ladder, pinned: a change to how the stream is packaged shows up here, argument by
 * argument, and has to be meant.
 */
class PackagerCommandTest {

    private static final Path FFMPEG = Path.of("/opt/ffmpeg/bin/ffmpeg");
    private static final Path STREAM = Path.of("/data/live/event");
    private static final Duration SEGMENT = Duration.ofSeconds(2);

    private static final String HEAD = """
            /opt/ffmpeg/bin/ffmpeg -hide_banner -nostdin -loglevel warning -f flv -i pipe:0
            """;

    private static PackagerCommand.Output output(String name, IngestConfig.@Nullable Rung rung, long first) {
        var dir = STREAM.resolve(name);
        return new PackagerCommand.Output(rung, dir.resolve("run-3.csv"), dir.resolve("seg-%d.ts"), first);
    }

    private static String segments(String name, long first) {
        return "-f segment -segment_format mpegts -segment_time 2.0 -segment_time_delta 0.1 -segment_list_type csv"
                + " -segment_list_flags +live -segment_list /data/live/event/" + name + "/run-3.csv"
                + " -segment_start_number " + first + " /data/live/event/" + name + "/seg-%d.ts\n";
    }

    private static String rung(String scale, int kbps, int gop) {
        return "-map 0:v:0 -map 0:a:0? -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -vf " + scale
                + " -b:v " + kbps + "k -maxrate " + (kbps * 11 / 10) + "k -bufsize " + kbps + "k -g " + gop
                + " -keyint_min " + gop + " -sc_threshold 0 -force_key_frames expr:gte(t,n_forced*2.0) -c:a copy\n";
    }

    /** The arguments of a command written one output per line, as the tests write them. */
    private static List<String> arguments(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    @Test
    void theSourceAloneIsCopied() {
        var command = PackagerCommand.of(FFMPEG, List.of(output("source", null, 17)), SEGMENT, 30);

        assertThat(command)
                .containsExactlyElementsOf(
                        arguments(HEAD + "-map 0:v:0 -map 0:a:0? -c copy\n" + segments("source", 17)));
    }

    @Test
    void theDefaultLadderBelowA1080p30Source() {
        var outputs = new ArrayList<PackagerCommand.Output>();
        outputs.add(output("source", null, 0));
        for (var rung : List.of(
                new IngestConfig.Rung(720, 30, 3_000_000),
                new IngestConfig.Rung(480, 30, 1_200_000),
                new IngestConfig.Rung(360, 30, 700_000),
                new IngestConfig.Rung(160, 30, 250_000))) {
            outputs.add(output(rung.name(), rung, 0));
        }

        var command = PackagerCommand.of(FFMPEG, outputs, SEGMENT, 30);

        assertThat(command)
                .containsExactlyElementsOf(arguments(HEAD
                        + "-map 0:v:0 -map 0:a:0? -c copy\n" + segments("source", 0)
                        + rung("scale=-2:720", 3000, 60) + segments("720p30", 0)
                        + rung("scale=-2:480", 1200, 60) + segments("480p30", 0)
                        + rung("scale=-2:360", 700, 60) + segments("360p30", 0)
                        + rung("scale=-2:160", 250, 60) + segments("160p30", 0)));
    }

    @Test
    void aFasterSourceIsBroughtDownToTheRungsRateAndASlowerOneKeepsItsOwn() {
        var rung = new IngestConfig.Rung(720, 30, 3_000_000);

        var fromSixty = PackagerCommand.of(FFMPEG, List.of(output("720p30", rung, 5)), SEGMENT, 59.94);
        assertThat(fromSixty)
                .containsExactlyElementsOf(
                        arguments(HEAD + rung("scale=-2:720,fps=30", 3000, 60) + segments("720p30", 5)));

        var fromTwentyFive = PackagerCommand.of(FFMPEG, List.of(output("720p30", rung, 5)), SEGMENT, 25);
        assertThat(fromTwentyFive)
                .as("no frames made up: keyframes every 50 frames of 25")
                .containsExactlyElementsOf(arguments(HEAD + rung("scale=-2:720", 3000, 50) + segments("720p30", 5)));

        var unknownRate = PackagerCommand.of(FFMPEG, List.of(output("720p30", rung, 5)), SEGMENT, 0);
        assertThat(unknownRate)
                .as("before the rate is known, the rung's")
                .containsExactlyElementsOf(arguments(HEAD + rung("scale=-2:720", 3000, 60) + segments("720p30", 5)));
    }
}
