package io.stagedoor.server.bench;

import io.stagedoor.server.testing.Publishers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The {@code ffmpeg} processes around the server's benchmarks: the test recordings, their publishers, the references. */
final class Ffmpeg {

    /** Debian's ffmpeg. */
    static final String DEBIAN = "ffmpeg";

    private Ffmpeg() {}

    /**
     * A broadcaster's stream, recorded once and kept under {@code target/test-media}: a test pattern with a tone,
     * constant-bitrate H.264 High with a keyframe every two seconds, AAC-LC 128 kbps, as FLV.
     */
    static Path pattern(int width, int height, int kbps, int seconds) throws IOException, InterruptedException {
        var dir = Path.of("target", "test-media");
        Files.createDirectories(dir);
        var file = dir.resolve("pattern-" + width + "x" + height + "-" + kbps + "k-" + seconds + "s.flv");
        if (Files.exists(file)) {
            return file;
        }
        var partial = dir.resolve(file.getFileName() + ".part.flv");
        var command = new ArrayList<>(List.of(
                DEBIAN,
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
        var output = run(command);
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
    static List<String> broadcastEncoding(int kbps) {
        return Publishers.broadcastEncoding(kbps);
    }

    /**
     * Publishes a recording in real time without touching it ({@code -re}, {@code -c copy}), as a broadcaster's
     * encoder would send it, at a small cost of its own.
     */
    static Process publish(Path recording, String url, Path log) throws IOException {
        return publish(recording, url, log, false);
    }

    /** As {@link #publish}, the recording over and over until stopped. */
    static Process publishLooped(Path recording, String url, Path log) throws IOException {
        return publish(recording, url, log, true);
    }

    private static Process publish(Path recording, String url, Path log, boolean loop) throws IOException {
        var command = new ArrayList<>(List.of(DEBIAN, "-hide_banner", "-nostdin", "-loglevel", "warning", "-re"));
        if (loop) {
            command.addAll(List.of("-stream_loop", "-1"));
        }
        command.addAll(List.of("-i", recording.toString(), "-c", "copy", "-f", "flv", url));
        return start(command, log);
    }

    /** Bits of the clock code burnt into each picture, one square block each, lowest bit leftmost. */
    static final int CLOCK_BITS = 24;
    /** Side of one block of the clock code, in pixels of the 1280x720 picture. */
    static final int CLOCK_BLOCK = 32;

    /**
     * A live encoder with the publisher's wall clock in every picture: a 1280x720 test pattern at 30 fps made in real
     * time ({@code -re}), each frame stamped, as it leaves the source, with the milliseconds since {@code epochMillis}
     * by {@code setpts=RTCTIME-…} and drawn as {@link #CLOCK_BITS} black or white {@link #CLOCK_BLOCK}-pixel blocks
     * along the top left edge (white is 1); then encoded as a broadcaster would (x264 veryfast, 3 Mbps, a keyframe
     * every 2 s; AAC 128 kbps: {@link #broadcastEncoding}) and sent, through one encode, to every address in {@code urls} (the tee muxer).
     */
    static Process publishClock(long epochMillis, List<String> urls, Path log) throws IOException {
        int width = CLOCK_BITS * CLOCK_BLOCK;
        var graph = "[0:v]settb=AVTB,setpts=RTCTIME-" + epochMillis * 1000 + ",split[main][strip];"
                + "[strip]crop=" + width + ":" + CLOCK_BLOCK + ":0:0,"
                + "geq=lum='255*mod(floor(floor(T*1000)/pow(2\\,floor(X/" + CLOCK_BLOCK + ")))\\,2)':cb=128:cr=128"
                + "[code];[main][code]overlay=0:0,setpts=N/(30*TB)[v]";
        var outputs = String.join(
                "|", urls.stream().map(url -> "[f=flv:onfail=ignore]" + url).toList());
        var command = new ArrayList<>(List.of(
                DEBIAN,
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "warning",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1280x720:rate=30",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=1000:sample_rate=48000",
                "-filter_complex",
                graph,
                "-map",
                "[v]",
                "-map",
                "1:a"));
        command.addAll(broadcastEncoding(3000));
        // The tee muxer cannot tell the encoders that FLV wants the codecs' headers apart from the stream.
        command.addAll(List.of("-flags", "+global_header", "-f", "tee", outputs));
        return start(command, log);
    }

    static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** A TCP port free now, for an {@code ffmpeg -listen 1} reference. */
    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until something listens on a local TCP port. Connecting to find out would use up the one publisher an
     * {@code ffmpeg -listen 1} accepts, so this reads the kernel's socket table instead.
     */
    static void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
        var local = String.format(Locale.ROOT, ":%04X", port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (var table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
                if (!Files.exists(table)) {
                    continue;
                }
                for (var line : Files.readAllLines(table)) {
                    var fields = line.strip().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(local) && fields[3].equals("0A")) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("Nothing listens on port " + port + " after " + timeout.toSeconds() + " s");
    }

    /** Stops a process, politely first. */
    static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The first line {@code executable -version} prints. */
    static String version(String executable) {
        try {
            return run(List.of(executable, "-hide_banner", "-version")).stream()
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static List<String> run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return new ArrayList<>(output.lines().toList());
    }
}
