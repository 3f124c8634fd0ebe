package io.stagedoor.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.RunningProcess;
import java.time.Duration;

/** What every launch of the studio must show, however it was started (from the build or from the app image). */
public final class StudioProcess {

    private static final Duration START = Duration.ofSeconds(90);

    private StudioProcess() {}

    /**
     * Waits for the local server and the window, checks the server answers, then stops the process as the system
     * would and checks both shut down cleanly and nothing warned on the way.
     */
    public static void assertOpensWindowWithLocalServerAndStopsCleanly(RunningProcess studio) {
        var address = studio.awaitLine("listening on (http://127\\.0\\.0\\.1:\\d+/)", START)
                .group(1);
        studio.awaitLine("Stagedoor Studio window shown; Local server at " + address, START);

        try (var client = StagedoorClient.builder(address).build()) {
            assertThat(client.health().isOk()).isTrue();
        }

        assertThat(studio.terminate(Duration.ofSeconds(30)))
                .as("exit code after SIGTERM")
                .isEqualTo(143);
        assertThat(studio.output())
                .contains("Stagedoor server stopped")
                .doesNotContain("Unsupported JavaFX configuration")
                .doesNotContain("WARNING");
    }
}
