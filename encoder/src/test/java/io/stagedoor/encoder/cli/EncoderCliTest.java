package io.stagedoor.encoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument handling only; {@code TestPatternEncodeIT} runs real encodes. */
class EncoderCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new EncoderCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionAndPreset() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--source SOURCE")
                .contains("testpattern, camera:N, screen")
                .contains("--url URL")
                .contains("--record FILE")
                .contains("1080p30, 1080p60, 720p30");
    }

    @Test
    void wrongArgumentsExitWithUsageAndSayWhatIsWrong() {
        assertThat(run("--record", "x.flv")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--source is required").contains("Usage:");

        err.reset();
        assertThat(run("--source", "webcam", "--record", "x.flv")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("unknown source \"webcam\"; choose testpattern, camera:N, screen or file:PATH");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.flv", "--preset", "4k"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("unknown preset \"4k\"; choose one of 1080p30, 1080p60, 720p30");

        err.reset();
        assertThat(run("--source", "testpattern", "--record")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--record needs a value");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.flv", "--duration", "soon"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--duration must look like 90, 90s or 2m, was \"soon\"");
    }

    @Test
    void aFileOfAnUnknownKindIsRefusedBeforeAnythingIsEncoded() {
        assertThat(run("--source", "testpattern", "--record", "x.avi", "--duration", "1"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("cannot record to \"x.avi\": name a .mp4 (fragmented MP4), .mkv or .flv file");
    }

    @Test
    void withNeitherUrlNorRecordingThereIsNothingToDo() {
        assertThat(run("--source", "testpattern")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("give --url to stream, --record to record, or both");
    }

    @Test
    void badUrlsBitratesAndSourcesAreUsageErrors() {
        assertThat(run("--source", "testpattern", "--url", "http://example.com/live/key"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("the URL must start with rtmp:// or rtmps://");

        err.reset();
        assertThat(run("--source", "testpattern", "--url", "rtmp://example.com/onlyapp"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("needs an application and a stream key");

        err.reset();
        assertThat(run("--source", "camera:front", "--record", "x.mp4")).isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("a camera is chosen by number, as in camera:0");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.mp4", "--bitrate", "fast"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("--bitrate is in kbps");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.mp4", "--bitrate", "50"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("bitrateKbps must be from 100 to 100000, was 50");

        err.reset();
        assertThat(run("--source", "testpattern", "--record", "x.mp4", "--encoder", "gpu"))
                .isEqualTo(EncoderCli.EXIT_USAGE);
        assertThat(err()).contains("unknown encoder \"gpu\"; choose auto or x264");
    }

    @Test
    void streamingBelowTheRecommendedBitrateNeedsTheOverride() {
        assertThat(run("--source", "testpattern", "--url", "rtmp://127.0.0.1:1/live/key", "--bitrate", "3000"))
                .isEqualTo(EncoderCli.EXIT_FAILED);
        assertThat(err())
                .contains("A stream at 3000 kbps is below the recommended 6000 kbps")
                .contains("--allow-below-recommended");
    }

    @Test
    void devicesAreListedEvenWhenThereAreNone() {
        long start = System.nanoTime();
        assertThat(run("--list-cameras")).isZero();
        assertThat(run("--list-audio-inputs")).isZero();
        assertThat(System.nanoTime() - start).as("each list within a second").isLessThan(2_500_000_000L);
        // No camera or sound server exists on the build machines; a developer's machine may list some.
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .allSatisfy(line -> assertThat(line)
                        .matches("No cameras found\\.|camera:\\d+  .*|No audio inputs found.*|.*  \\(.*\\)"));
    }

    @Test
    void durationsReadAsSecondsOrMinutes() {
        assertThat(EncoderCli.Options.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(EncoderCli.Options.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(EncoderCli.Options.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    }
}
