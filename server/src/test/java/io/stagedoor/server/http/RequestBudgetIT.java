package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.ingest.Eventually;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server whose budget is one request at a time, one more waiting for 300 ms: with that one request busy (a body
 * that never finishes arriving), further requests are answered 503 with Retry-After and problem details, while
 * server-sent events and playback, which are not counted, still go through. Once it is done, requests are served.
 */
class RequestBudgetIT {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private StagedoorServer server;
    private StagedoorClient organiser;

    @BeforeEach
    void start() {
        server = StagedoorServer.start(TestServers.config(
                dataDir,
                "--http.max-concurrent-requests=1",
                "--http.max-waiting-requests=1",
                "--http.max-wait-ms=300"));
        organiser = Organisers.signedIn(server.baseUri(), "Budget");
    }

    @AfterEach
    void stop() {
        organiser.close();
        server.close();
        http.close();
    }

    @Test
    void beyondTheBudgetRequestsAreToldToComeBackWhileLongLivedOnesGoOn() throws Exception {
        var event = organiser
                .events()
                .create(new EventDraft("Busy", "", Instant.now().plus(1, ChronoUnit.DAYS), "UTC", 60, null, null));

        try (var slow = new Socket("127.0.0.1", server.httpPort())) {
            // A sign-in whose body never finishes: it holds the only place in the budget while it is read.
            slow.getOutputStream()
                    .write(("POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 1000\r\n\r\n{\"email\":")
                            .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            Eventually.until(
                    "the budget used up",
                    Duration.ofSeconds(30),
                    () -> get("/api/v1/health").statusCode() == 503);

            // Three at once: one may wait its 300 ms, the others find the waiting room full; all hear the same.
            var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 3; i++) {
                answers.add(http.sendAsync(request("/api/v1/events"), HttpResponse.BodyHandlers.ofString()));
            }
            for (var answer : answers) {
                var busy = answer.get();
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After"))
                        .hasValueSatisfying(
                                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
                assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                var problem = JsonMapper.builder().build().readTree(busy.body());
                assertThat(problem.path("type").asString()).isEqualTo("urn:stagedoor:problem:server-busy");
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/events");
            }

            // Not counted: the stream's health as server-sent events, and anything under /live/.
            var events = http.send(
                    HttpRequest.newBuilder(request("/api/v1/events/" + event.id() + "/health/events"), (n, v) -> true)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.statusCode()).isEqualTo(200);
            try (var lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && !line.startsWith("data:"));
                assertThat(line)
                        .as("a health event while the budget is used up")
                        .contains(event.id().toString());
            }
            assertThat(get("/live/" + event.id() + "/" + UUID.randomUUID() + "/live.m3u8")
                            .statusCode())
                    .isNotEqualTo(503);
        }

        Eventually.until(
                "requests served again",
                Duration.ofSeconds(30),
                () -> get("/api/v1/health").statusCode() == 200);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUri() + path.substring(1)))
                .header("Authorization", "Bearer " + organiser.token())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }
}
