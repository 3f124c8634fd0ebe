package io.stagedoor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio started exactly as the README's start command starts it (the build's {@code studio.args}), drawing a
 * real GTK window on a virtual display, with its local server answering.
 */
class StudioWindowIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void opensTheWindowWithTheLocalServerRunningAndStopsBothOnTerminate() {
        var args = Path.of(System.getProperty("stagedoor.studio.args"));
        try (var display = XvfbDisplay.start();
                var studio = RunningProcess.start(
                        RunningProcess.javaCommand(
                                args, Main.class.getName(), "--http-port=0", "--data-dir=" + dataDir),
                        display.environment())) {
            var address = studio.awaitLine("listening on (http://127\\.0\\.0\\.1:\\d+/)", START)
                    .group(1);
            studio.awaitLine("Stagedoor Studio window shown; Local server at " + address, START);

            try (var client = StagedoorClient.builder(address).build()) {
                assertThat(client.health().isOk()).isTrue();
            }

            assertThat(studio.terminate(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(studio.output())
                    .contains("Stagedoor server stopped")
                    .doesNotContain("Unsupported JavaFX configuration")
                    .doesNotContain("WARNING: A restricted method");
        }
    }
}
