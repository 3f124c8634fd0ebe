package io.stagedoor.app;

import io.stagedoor.app.localserver.LocalServer;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.encoder.codec.VideoEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.jspecify.annotations.Nullable;

/**
 * {@code --smoke-test}: proves that an installed studio works on this machine, with nobody at it. It opens the main
 * window, starts the local server, asks it for its health with the API client, loads every FFmpeg library the
 * encoder uses and runs the {@code ffmpeg} program the server packages streams with; one line per step on standard
 * output, exit status 0 when all passed, 1 naming the step that failed, 3 when the whole did not finish within
 * {@link #TIME_LIMIT}. These lines are for installers and support, so they are English like the log.
 */
final class SmokeTest {

    static final String FLAG = "--smoke-test";
    static final Duration TIME_LIMIT = Duration.ofMinutes(2);
    static final int FAILED = 1;
    static final int TIMED_OUT = 3;

    /**
     * The outcome, read by {@link Main} once {@code Application.launch} returns: JavaFX creates the application
     * object itself and hands nothing back, so this is the one place the two meet.
     */
    private static final AtomicInteger EXIT_STATUS = new AtomicInteger(FAILED);

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private SmokeTest() {}

    static int exitStatus() {
        return EXIT_STATUS.get();
    }

    /** Ends the process with {@link #TIMED_OUT} when the smoke test has not finished in time, whatever hangs. */
    static void startTimeLimit() {
        Thread.ofPlatform().daemon().name("smoke-test-time-limit").start(() -> {
            try {
                Thread.sleep(TIME_LIMIT);
            } catch (InterruptedException e) {
                return;
            }
            OUT.println("Smoke test FAILED: not finished within " + TIME_LIMIT.toSeconds() + " s");
            Runtime.getRuntime().halt(TIMED_OUT);
        });
    }

    static void passed(String step) {
        OUT.println("Smoke test: " + step);
    }

    static void failed(String step, String why) {
        OUT.println("Smoke test FAILED: " + step + ": " + why);
        EXIT_STATUS.set(FAILED);
    }

    /**
     * The steps after the window is shown and the server is known; blocking (network, native loading, a child
     * process), so never on the FX thread.
     *
     * @param localServer the local server, or null when it failed ({@code problem} says why) or was not wanted
     * @param serverUrl the other server the studio was pointed at, or null for the local one
     */
    static void run(@Nullable LocalServer localServer, @Nullable String problem, @Nullable String serverUrl) {
        String address;
        @Nullable Path ffmpegProgram;
        if (serverUrl != null) {
            address = serverUrl;
            passed("using the server at " + serverUrl);
            ffmpegProgram = null;
        } else if (localServer == null) {
            failed("local server", "did not start: " + problem);
            return;
        } else {
            address = localServer.baseUri().toString();
            passed("local server started at " + address + " with its data in " + localServer.dataDir());
            ffmpegProgram = localServer.ffmpeg().orElse(null);
        }
        try (var client = StagedoorClient.builder(address).build()) {
            var health = client.health();
            if (!health.isOk()) {
                failed("API client", "the server says it is " + health.status());
                return;
            }
            passed("API client connected; server " + health.version() + " is " + health.status());
        } catch (RuntimeException e) {
            failed("API client", String.valueOf(e.getMessage()));
            return;
        }
        try {
            passed(ffmpegLibraries());
        } catch (RuntimeException | LinkageError e) {
            failed("FFmpeg libraries", e.toString());
            return;
        }
        if (serverUrl == null) {
            try {
                passed(ffmpegProgram(ffmpegProgram));
            } catch (IOException | RuntimeException e) {
                failed("FFmpeg program", e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed("FFmpeg program", "interrupted");
                return;
            }
        }
        EXIT_STATUS.set(0);
        passed("passed");
    }

    /** Loads the libraries (capture devices pull in all the others) and asks which H.264 encoders they hold. */
    private static String ffmpegLibraries() {
        for (var library : List.of(avutil.class, avcodec.class, swscale.class, swresample.class, avdevice.class)) {
            Loader.load(library);
        }
        var encoders = Arrays.stream(VideoEncoder.values())
                .map(VideoEncoder::ffmpegName)
                .filter(name -> avcodec.avcodec_find_encoder_by_name(name) != null)
                .collect(Collectors.joining(", "));
        if (!encoders.contains(VideoEncoder.X264.ffmpegName())) {
            throw new IllegalStateException("this FFmpeg has no " + VideoEncoder.X264.ffmpegName()
                    + " encoder; the broadcast needs it (offered: " + encoders + ")");
        }
        var avcodecFile = Loader.getLoadedLibraries().entrySet().stream()
                .filter(library -> library.getKey().contains("avcodec")
                        && !library.getKey().contains("jni"))
                .map(library -> Path.of(library.getValue()).getParent().toString())
                .findFirst()
                .orElse("?");
        return "FFmpeg " + avutil.av_version_info().getString() + " loaded from " + avcodecFile + "; H.264 encoders: "
                + encoders;
    }

    /** Runs {@code ffmpeg -version}: the program the server packages each stream with, as the server finds it. */
    private static String ffmpegProgram(@Nullable Path configured) throws IOException, InterruptedException {
        var program = configured != null ? configured : Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " is not an executable file");
        }
        var process = new ProcessBuilder(program.toString(), "-hide_banner", "-version")
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " -version did not finish within 30 s");
        }
        var firstLine = output.lines().findFirst().orElse("");
        if (process.exitValue() != 0 || !firstLine.startsWith("ffmpeg version")) {
            throw new IllegalStateException(program + " -version ended with " + process.exitValue() + ": " + output);
        }
        return "FFmpeg program runs: " + program;
    }
}
