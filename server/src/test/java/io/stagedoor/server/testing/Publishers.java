package io.stagedoor.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code ffmpeg} as a publisher, the way a broadcaster runs it: a test pattern with a tone, encoded live
 * as constant-bitrate H.264 with a keyframe every two seconds and AAC, pushed over RTMP.
 */
public final class Publishers {

    private Publishers() {}

    /**
     * Publishes in real time, copying a prepared recording (see {@link #pattern}): the publisher then costs no CPU,
     * so what arrives is exactly what was encoded however busy the machine is.
     */
    public static Process publish(String url, Path recording, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(List.of(
                        "ffmpeg",
                        "-hide_banner",
                        "-nostdin",
                        "-loglevel",
                        "warning",
                        "-re",
                        "-i",
                        recording.toString(),
                        "-c",
                        "copy",
                        "-f",
                        "flv",
                        url))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * A test pattern with a tone, as a broadcaster's encoder makes it: constant-bitrate H.264 High with a keyframe
     * every two seconds, and AAC-LC. Made once per build and kept under {@code target/test-media}.
     */
    public static synchronized Path pattern(int width, int height, int kbps, int seconds)
            throws IOException, InterruptedException {
        var dir = Path.of("target", "test-media");
        Files.createDirectories(dir);
        var file = dir.resolve("pattern-" + width + "x" + height + "-" + kbps + "k-" + seconds + "s.flv");
        if (Files.exists(file)) {
            return file;
        }
        var partial = dir.resolve(file.getFileName() + ".part.flv");
        var command = new ArrayList<>(List.of(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=30",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=1000:sample_rate=48000",
                "-t",
                String.valueOf(seconds)));
        command.addAll(broadcastEncoding(kbps));
        command.addAll(List.of("-f", "flv", partial.toString()));
        var output = run(command.toArray(String[]::new));
        if (!Files.exists(partial) || Files.size(partial) == 0) {
            throw new IOException("ffmpeg could not make the test pattern: " + output);
        }
        Files.move(partial, file);
        return file;
    }

    /**
     * How a broadcaster's encoder encodes: constant-bitrate H.264 High (x264 veryfast) with a keyframe every 60 frames
     * (2 s at 30 fps), AAC-LC 128 kbps stereo.
     */
    public static List<String> broadcastEncoding(int kbps) {
        return List.of(
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-profile:v",
                "high",
                "-pix_fmt",
                "yuv420p",
                "-b:v",
                kbps + "k",
                "-maxrate",
                kbps + "k",
                "-bufsize",
                (kbps / 2) + "k",
                "-x264-params",
                "nal-hrd=cbr:force-cfr=1",
                "-g",
                "60",
                "-keyint_min",
                "60",
                "-sc_threshold",
                "0",
                "-c:a",
                "aac",
                "-b:a",
                "128k",
                "-ar",
                "48000",
                "-ac",
                "2");
    }

    /**
     * Publishes to {@code url} expecting the server to refuse, and returns what the publisher printed: ffmpeg prints the
     * server's reason ("Server error: …"). Fails when the publish is accepted or not refused within 20 s.
     */
    public static String refused(String url, Path log) throws IOException, InterruptedException {
        var publisher = publish(url, pattern(640, 360, 800, 6), log);
        if (!publisher.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            publisher.destroyForcibly();
            throw new AssertionError("The publish was not refused within 20 s: " + Files.readString(log));
        }
        var output = Files.readString(log);
        if (publisher.exitValue() == 0) {
            throw new AssertionError("The publish was accepted: " + output);
        }
        return output;
    }

    /** Runs a command to its end and returns its output (stdout and stderr), line by line. */
    public static List<String> run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().toList();
    }
}
