package io.stagedoor.server.ingest;

import io.stagedoor.server.config.IngestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The command line of one packager process: FLV on standard input, and per rendition an output of MPEG-TS segments cut
 * on keyframes with a list of finished segments. The source rendition is copied; each rung of the ladder is encoded
 * with its keyframes on the segment grid, so that every rendition's segments start at the same moments. Pure: the same
 * outputs give the same command, which {@code PackagerCommandTest} pins for each ladder.
 */
final class PackagerCommand {

    /**
     * One rendition the process writes.
     *
     * @param rung the rung to encode, or null for the source, copied
     * @param segmentList the CSV list FFmpeg appends each finished segment to
     * @param segments the segment file pattern ({@code seg-%d.ts})
     * @param firstNumber the number of the first segment
     */
    record Output(IngestConfig.@Nullable Rung rung, Path segmentList, Path segments, long firstNumber) {}

    private PackagerCommand() {}

    /**
     * @param segment the target segment duration
     * @param sourceFrameRate the source's frames per second as measured, 0 while unknown
     */
    static List<String> of(Path ffmpeg, List<Output> outputs, Duration segment, double sourceFrameRate) {
        var command = new ArrayList<>(List.of(
                ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "warning", "-f", "flv", "-i", "pipe:0"));
        double segmentSeconds = segment.toMillis() / 1000.0;
        for (var output : outputs) {
            command.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?"));
            var rung = output.rung();
            if (rung == null) {
                command.addAll(List.of("-c", "copy"));
            } else {
                command.addAll(transcode(rung, segmentSeconds, sourceFrameRate));
            }
            command.addAll(List.of(
                    "-f",
                    "segment",
                    "-segment_format",
                    "mpegts",
                    "-segment_time",
                    String.valueOf(segmentSeconds),
                    "-segment_time_delta",
                    "0.1",
                    "-segment_list_type",
                    "csv",
                    "-segment_list_flags",
                    "+live",
                    "-segment_list",
                    output.segmentList().toString(),
                    "-segment_start_number",
                    String.valueOf(output.firstNumber()),
                    output.segments().toString()));
        }
        return command;
    }

    /**
     * H.264 Main at the rung's size and rate: the source's own rate when it is not above the rung's (no frames made
     * up), keyframes every segment, a bitrate held within 10 % of the rung's, the audio copied.
     */
    private static List<String> transcode(IngestConfig.Rung rung, double segmentSeconds, double sourceFrameRate) {
        var filter = "scale=-2:" + rung.height();
        double rate = rung.frameRate();
        if (sourceFrameRate > rung.frameRate() + 0.5) {
            filter += ",fps=" + rung.frameRate();
        } else if (sourceFrameRate > 0) {
            rate = sourceFrameRate;
        }
        long gop = Math.max(1, Math.round(rate * segmentSeconds));
        var kbps = rung.bitrate() / 1000;
        return List.of(
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-profile:v",
                "main",
                "-pix_fmt",
                "yuv420p",
                "-vf",
                filter,
                "-b:v",
                kbps + "k",
                "-maxrate",
                (kbps * 11 / 10) + "k",
                "-bufsize",
                kbps + "k",
                "-g",
                String.valueOf(gop),
                "-keyint_min",
                String.valueOf(gop),
                "-sc_threshold",
                "0",
                "-force_key_frames",
                "expr:gte(t,n_forced*" + segmentSeconds + ")",
                "-c:a",
                "copy");
    }
}
