package io.stagedoor.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.RunningProcess;
import java.time.Duration;

/** What every launch of the studio must show, however it was started (from the build or from the app image). */
public final class StudioProcess {

    private static final Duration START = Duration.ofSeconds(90);
    /** The smoke test's own limit is 2 minutes; a little more, so that its own message shows if it runs out. */
    private static final Duration SMOKE_TEST = Duration.ofSeconds(150);

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

    /**
     * Waits for a studio started with {@code --smoke-test} to end, and checks it passed every step, in order, and
     * stopped its local server.
     *
     * @return the FFmpeg step's line, which says where the libraries were loaded from
     */
    public static String assertSmokeTestPasses(RunningProcess studio) {
        assertThat(studio.awaitExit(SMOKE_TEST))
                .as("exit status; output:%n%s", studio.output())
                .isZero();
        var steps = studio.output()
                .lines()
                .filter(line -> line.startsWith("Smoke test"))
                .toList();
        assertThat(steps).as("the smoke test's lines").hasSize(6);
        assertThat(steps.get(0)).isEqualTo("Smoke test: window shown: Stagedoor Studio");
        assertThat(steps.get(1))
                .matches("Smoke test: local server started at http://127\\.0\\.0\\.1:\\d+/ with its" + " data in /.+");
        assertThat(steps.get(2)).matches("Smoke test: API client connected; server .+ is ok");
        assertThat(steps.get(3)).matches("Smoke test: FFmpeg \\S+ loaded from /.+; H\\.264 encoders: libx264.*");
        assertThat(steps.get(4)).matches("Smoke test: FFmpeg program runs: /.+/ffmpeg");
        assertThat(steps.get(5)).isEqualTo("Smoke test: passed");
        assertThat(studio.output()).contains("Stagedoor server stopped").doesNotContain("Smoke test FAILED");
        return steps.get(3);
    }
}
