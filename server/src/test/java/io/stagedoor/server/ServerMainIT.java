package io.stagedoor.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server's command line, run as its own process the way an operator runs it. */
class ServerMainIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String LISTENING = "listening on (http://\\S+/)";

    @TempDir
    Path dataDir;

    private RunningProcess server(String... args) {
        return RunningProcess.start(RunningProcess.javaCommand(ServerMain.class.getName(), args), Map.of());
    }

    @Test
    void servesHealthUntilTerminatedThenStopsCleanly() {
        try (var process =
                server("--http-host=127.0.0.1", "--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir)) {
            var address = process.awaitLine(LISTENING, START).group(1);

            try (var client = StagedoorClient.builder(address).build()) {
                assertThat(client.health().isOk()).isTrue();
            }

            int exit = process.terminate(Duration.ofSeconds(20));
            assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(process.output()).contains("Stagedoor server stopped");
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineFromStartToStop() {
        List<JsonNode> lines;
        try (var process = RunningProcess.start(
                RunningProcess.javaCommand(
                        ServerMain.class.getName(),
                        "--http-host=127.0.0.1",
                        "--http-port=0",
                        "--ingest-port=0",
                        "--data-dir=" + dataDir),
                Map.of("STAGEDOOR_LOG_FORMAT", "json"))) {
            // JSON escapes the slashes of the address, so wait for the words alone.
            process.awaitLine("listening on", START);
            assertThat(process.terminate(Duration.ofSeconds(20))).isEqualTo(143);
            var json = JsonMapper.builder().build();
            lines = process.output().lines().map(json::readTree).toList();
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(lines)
                .anySatisfy(line -> {
                    assertThat(line.path("level").asString()).isEqualTo("INFO");
                    assertThat(line.path("loggerName").asString()).isEqualTo(StagedoorServer.class.getName());
                    assertThat(line.path("formattedMessage").asString()).matches(".*listening on http://\\S+/.*");
                    assertThat(line.path("timestamp").isNumber()).isTrue();
                })
                .anySatisfy(line ->
                        assertThat(line.path("formattedMessage").asString()).contains("Stagedoor server stopped"));
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryExplainsAndExits() {
        try (var first = server("--http-host=127.0.0.1", "--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir)) {
            first.awaitLine(LISTENING, START);

            try (var second =
                    server("--http-host=127.0.0.1", "--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir)) {
                assertThat(second.awaitExit(START)).isEqualTo(1);
                assertThat(second.output())
                        .contains("Stagedoor server cannot start.")
                        .contains("is in use by another process")
                        .contains("--data-dir");
            }
        }
    }

    @Test
    void invalidSettingsExitWithUsageCodeAndNameEveryProblem() {
        try (var process = server("--http-port=eighty", "--no-such-thing=1", "--data-dir=" + dataDir)) {
            assertThat(process.awaitExit(START)).isEqualTo(2);
            assertThat(process.output())
                    .contains("http.port (from flag --http-port): must be a whole number from 0 to 65535")
                    .contains("Unknown option --no-such-thing");
        }
    }

    @Test
    void helpPrintsEverySettingWithItsDefault() {
        try (var process = server("--help")) {
            assertThat(process.awaitExit(START)).isZero();
            assertThat(process.output())
                    .contains("Usage: stagedoor-server")
                    .contains("http.port=8080")
                    .contains("database.url=");
        }
    }
}
