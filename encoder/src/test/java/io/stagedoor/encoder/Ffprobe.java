package io.stagedoor.encoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Debian's {@code ffprobe}, the independent judge of what the encoder wrote. */
public final class Ffprobe {

    private Ffprobe() {}

    /** The fields of one stream ({@code v:0}, {@code a:0}) as ffprobe names them. */
    public static Map<String, String> stream(Path file, String selector) {
        var fields = new LinkedHashMap<String, String>();
        for (var line : run("-select_streams", selector, "-show_streams", "-of", "default=noprint_wrappers=1", file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }

    public static double durationSeconds(Path file) {
        return Double.parseDouble(
                run("-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file)
                        .getFirst());
    }

    /** Presentation times, in seconds, of the video keyframes. */
    public static List<Double> keyframeTimes(Path file) {
        var times = new ArrayList<Double>();
        for (var line :
                run("-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", file)) {
            var parts = line.split(",");
            if (parts.length >= 2 && parts[1].startsWith("K")) {
                times.add(Double.parseDouble(parts[0]));
            }
        }
        return times;
    }

    /** Sum of the video packet sizes, in bytes. */
    public static long videoBytes(Path file) {
        long total = 0;
        for (var line : run("-select_streams", "v:0", "-show_entries", "packet=size", "-of", "csv=p=0", file)) {
            if (!line.isBlank()) {
                total += Long.parseLong(line.strip());
            }
        }
        return total;
    }

    /** One demuxed packet: its stream's type ({@code video}/{@code audio}), decoding time in seconds, size in bytes. */
    public record Packet(String type, double seconds, long size, boolean keyframe) {}

    /** Every packet of every stream, in file order. */
    public static List<Packet> packets(Path file) {
        var packets = new ArrayList<Packet>();
        for (var line :
                run("-show_entries", "packet=codec_type,dts_time,pts_time,size,flags", "-of", "csv=p=0", file)) {
            var parts = line.split(",");
            if (parts.length >= 5 && !parts[2].equals("N/A")) {
                // csv order follows ffprobe's field order: codec_type, pts_time, dts_time, size, flags
                double dts = parts[2].equals("N/A") ? Double.parseDouble(parts[1]) : Double.parseDouble(parts[2]);
                packets.add(new Packet(parts[0], dts, Long.parseLong(parts[3]), parts[4].startsWith("K")));
            }
        }
        return packets;
    }

    /**
     * The first video packet in file order, its time the presentation time (Matroska stores no decoding time, so
     * {@link #packets} leaves out its first packets).
     */
    public static Packet firstVideoPacket(Path file) {
        var line = run(
                        "-select_streams",
                        "v:0",
                        "-read_intervals",
                        "%+#1",
                        "-show_entries",
                        "packet=codec_type,pts_time,size,flags",
                        "-of",
                        "csv=p=0",
                        file)
                .getFirst()
                .split(",");
        return new Packet(line[0], Double.parseDouble(line[1]), Long.parseLong(line[2]), line[3].startsWith("K"));
    }

    /** Each packet's duration in seconds, for one stream; packets without one are left out. */
    public static List<Double> packetDurations(Path file, String selector) {
        var durations = new ArrayList<Double>();
        for (var line :
                run("-select_streams", selector, "-show_entries", "packet=duration_time", "-of", "csv=p=0", file)) {
            var value = line.strip().replace(",", "");
            if (!value.isEmpty() && !value.equals("N/A")) {
                durations.add(Double.parseDouble(value));
            }
        }
        return durations;
    }

    /** Number of video frames that decode, as ffprobe counts them. */
    public static long decodableVideoFrames(Path file) {
        var lines = run(
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=nb_read_frames",
                "-of",
                "default=noprint_wrappers=1:nokey=1",
                file);
        return Long.parseLong(lines.getFirst().strip());
    }

    private static List<String> run(Object... args) {
        var command = new ArrayList<String>(List.of("ffprobe", "-v", "error"));
        for (var arg : args) {
            command.add(arg.toString());
        }
        try {
            // Warnings (a killed recording "ended prematurely") go to stderr and must not mix with the values.
            var errors = Files.createTempFile("ffprobe", ".log");
            try {
                var process = new ProcessBuilder(command)
                        .redirectError(errors.toFile())
                        .start();
                var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new AssertionError("ffprobe failed: " + command + "\n" + output + Files.readString(errors));
                }
                return output.lines().toList();
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError(
                    "Cannot run ffprobe. Install Debian's ffmpeg package (./stagedoor test does): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
