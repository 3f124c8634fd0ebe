package io.stagedoor.encoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.NginxRtmp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a real nginx-rtmp that checks stream keys, and against nothing at all. */
class EncoderCliIT {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new EncoderCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    /** Threads of ours still alive: the JVM's and the test's own are not counted. */
    private static Set<String> ourThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("JavaCPP Deallocator") && !name.startsWith("HTTP-Dispatcher"))
                .collect(Collectors.toSet());
    }

    private static Set<String> afterSettling(Set<Thread> before) throws InterruptedException {
        Set<String> left = ourThreads(before);
        for (int i = 0; i < 20 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = ourThreads(before);
        }
        return left;
    }

    @Test
    void aWrongStreamKeyIsRefusedClearlyAndLeavesNoThreadBehind() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "right-key")) {
            var before = Set.copyOf(Thread.getAllStackTraces().keySet());
            int exit = run(
                    "--source",
                    "testpattern",
                    "--preset",
                    "720p30",
                    "--url",
                    nginx.url("wrong-key"),
                    "--duration",
                    "5");
            assertThat(exit).isEqualTo(EncoderCli.EXIT_FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("refused the stream key")
                    .contains("Check the stream key")
                    .doesNotContain("wrong-key");
            assertThat(afterSettling(before)).isEmpty();
        }
    }

    @Test
    void anUnreachableHostFailsClearlyAndLeavesNoThreadBehind() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var before = Set.copyOf(Thread.getAllStackTraces().keySet());
        int exit = run(
                "--source", "testpattern", "--url", "rtmp://127.0.0.1:" + closedPort + "/live/key", "--duration", "5");
        assertThat(exit).isEqualTo(EncoderCli.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Cannot connect to 127.0.0.1:" + closedPort)
                .contains("check the URL and that the server is running");
        assertThat(afterSettling(before)).isEmpty();

        err.reset();
        exit = run("--source", "testpattern", "--url", "rtmp://no-such-host.invalid/live/key");
        assertThat(exit).isEqualTo(EncoderCli.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Cannot find the ingest host \"no-such-host.invalid\"");
        assertThat(afterSettling(before)).isEmpty();
    }

    @Test
    void aRightKeyStreamsAndPrintsOneStatsLinePerSecond() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "right-key")) {
            var before = Set.copyOf(Thread.getAllStackTraces().keySet());
            int exit = run(
                    "--source",
                    "testpattern",
                    "--preset",
                    "720p30",
                    "--url",
                    nginx.url("right-key"),
                    "--duration",
                    "4",
                    "--record",
                    dir.resolve("also.mkv").toString());
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(EncoderCli.EXIT_OK);
            var lines = out.toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.contains(" fps"))
                    .toList();
            assertThat(lines).hasSizeBetween(4, 6);
            assertThat(lines.get(2))
                    .contains("LIVE")
                    .contains("sent")
                    .contains("kbps")
                    .contains("dropped");
            assertThat(afterSettling(before)).isEmpty();
            assertThat(io.stagedoor.encoder.Ffprobe.durationSeconds(dir.resolve("also.mkv")))
                    .as("the recording begins with the stream, at the encoder's first keyframe")
                    .isGreaterThan(3.3);
        }
    }
}
