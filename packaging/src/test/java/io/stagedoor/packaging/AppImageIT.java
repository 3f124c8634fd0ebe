package io.stagedoor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.testing.StudioProcess;
import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.testing.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jpackage app image, started as a user starts it: its own launcher and its own runtime, with an empty home
 * directory so that anything it writes there shows.
 */
class AppImageIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String LISTENING = "listening on (http://127\\.0\\.0\\.1:\\d+/)";

    @TempDir
    Path home;

    private Path launcher;
    private Map<String, String> environment;

    @BeforeEach
    void findTheImage() {
        var image = Path.of(System.getProperty("stagedoor.appImage"));
        launcher = image.resolve("bin").resolve("Stagedoor");
        assertThat(launcher).as("the app image's launcher").isExecutable();
        environment = new HashMap<>(Map.of(
                "HOME",
                home.toString(),
                "XDG_CACHE_HOME",
                home.resolve(".cache").toString(),
                "XDG_DATA_HOME",
                home.resolve(".local/share").toString()));
    }

    private RunningProcess launch(Map<String, String> extraEnvironment, String... args) {
        var env = new HashMap<>(environment);
        env.putAll(extraEnvironment);
        var command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return RunningProcess.start(command, env);
    }

    @Test
    void theServerOnlyModeServesHealthAndStopsOnTerminate() {
        try (var server =
                launch(Map.of(), "--server-only", "--http-host=127.0.0.1", "--http-port=0", "--ingest-port=0")) {
            var address = server.awaitLine(LISTENING, START).group(1);

            try (var client = StagedoorClient.builder(address).build()) {
                var health = client.health();
                assertThat(health.isOk()).isTrue();
                assertThat(health.version()).isEqualTo(BuildInfo.version());
            }

            assertThat(server.terminate(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(server.output()).contains("Stagedoor server stopped");
        }
        assertThat(home.resolve(".local/share/stagedoor/db/stagedoor.mv.db"))
                .as("the database in the platform's data directory")
                .isRegularFile();
    }

    @Test
    void theStudioOpensItsWindowWithoutUnpackingNativeLibrariesIntoHome() {
        try (var display = XvfbDisplay.start();
                var studio = launch(display.environment(), "--http-port=0", "--ingest-port=0")) {
            StudioProcess.assertOpensWindowWithLocalServerAndStopsCleanly(studio);
        }
        assertThat(home.resolve(".cache/stagedoor/javafx")).doesNotExist();
        assertThat(home.resolve(".openjfx")).doesNotExist();
    }

    @Test
    void invalidSettingsStopTheServerWithAMessage() throws Exception {
        try (var server = launch(Map.of(), "--server-only", "--http-port=seventy")) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).contains("http.port (from flag --http-port): must be a whole number");
        }
        assertThat(Files.exists(home.resolve(".local/share/stagedoor/db"))).isFalse();
    }
}
