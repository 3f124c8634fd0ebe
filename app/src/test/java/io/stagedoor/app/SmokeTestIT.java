package io.stagedoor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.testing.StudioProcess;
import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.server.testing.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --smoke-test} started as the README's start command starts the studio, on a virtual display. */
class SmokeTestIT {

    @TempDir
    Path dataDir;

    private static RunningProcess studio(Map<String, String> environment, String... args) {
        return RunningProcess.start(
                RunningProcess.javaCommand(
                        Path.of(System.getProperty("stagedoor.studio.args")), Main.class.getName(), args),
                environment);
    }

    @Test
    void opensTheWindowStartsAndReachesTheLocalServerLoadsFfmpegAndExitsZero() {
        try (var display = XvfbDisplay.start();
                var studio = studio(
                        display.environment(),
                        "--smoke-test",
                        "--http-port=0",
                        "--ingest-port=0",
                        "--data-dir=" + dataDir)) {
            StudioProcess.assertSmokeTestPasses(studio);
            assertThat(studio.output()).contains("with its data in " + dataDir);
        }
        assertThat(Files.exists(dataDir.resolve("db/stagedoor.mv.db")))
                .as("the local server's database")
                .isTrue();
    }

    @Test
    void aLocalServerThatCannotStartFailsTheSmokeTestWithTheReason() {
        try (var display = XvfbDisplay.start();
                var studio =
                        studio(display.environment(), "--smoke-test", "--http-port=seventy", "--data-dir=" + dataDir)) {
            assertThat(studio.awaitExit(Duration.ofSeconds(150))).isEqualTo(1);
            assertThat(studio.output())
                    .contains("Smoke test: window shown")
                    .contains("Smoke test FAILED: local server: did not start:")
                    .contains("must be a whole number")
                    .doesNotContain("Smoke test: passed");
        }
    }

    @Test
    void withoutADisplayTheSmokeTestFailsAtTheWindow() {
        try (var studio = studio(Map.of("DISPLAY", ":9999"), "--smoke-test", "--data-dir=" + dataDir)) {
            assertThat(studio.awaitExit(Duration.ofSeconds(150))).isEqualTo(1);
            assertThat(studio.output()).contains("Smoke test FAILED: window: ");
        }
    }
}
