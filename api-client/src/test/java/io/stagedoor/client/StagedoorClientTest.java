package io.stagedoor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.api.FieldError;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the client reads answers and failures, against OkHttp's in-process HTTP server scripted with exact
 * responses. The server module runs this client against the real Stagedoor server.
 */
class StagedoorClientTest {

    private static final String HEALTH_JSON = """
            {"status":"ok","version":"1.2.3","startedAt":"2026-11-21T18:00:00Z","uptimeSeconds":42,
             "database":{"ok":true,"product":"H2 2.5","schemaVersion":"1","error":null},
             "fieldFromANewerServer":true}
            """;

    private final MockWebServer web = new MockWebServer();
    private StagedoorClient client;

    @BeforeEach
    void start() throws Exception {
        web.start();
        client = StagedoorClient.builder(web.url("/").toString())
                .retryBackoff(Duration.ofMillis(1))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        web.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @Test
    void readsHealthAndToleratesFieldsItDoesNotKnow() throws Exception {
        web.enqueue(json(200, HEALTH_JSON));

        var health = client.health();

        assertThat(health.isOk()).isTrue();
        assertThat(health.version()).isEqualTo("1.2.3");
        assertThat(health.startedAt()).isEqualTo(Instant.parse("2026-11-21T18:00:00Z"));
        assertThat(health.database().schemaVersion()).isEqualTo("1");
        var request = web.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/health");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).startsWith("stagedoor-client/");
    }

    @Test
    void aDegradedServerStillAnswersWithItsHealth() {
        web.enqueue(json(503, HEALTH_JSON.replace("\"ok\",", "\"degraded\",")));

        assertThat(client.health().status()).isEqualTo("degraded");
        assertThat(web.getRequestCount())
                .as("a 503 without Retry-After is an answer, not retried")
                .isEqualTo(1);
    }

    @Test
    void problemDetailsBecomeATypedExceptionWithEveryField() {
        web.enqueue(new MockResponse.Builder()
                .code(400)
                .addHeader("Content-Type", "application/problem+json")
                .body("""
                        {"type":"urn:stagedoor:problem:validation","title":"Invalid input","status":400,
                         "detail":"2 fields are invalid.","instance":"/api/v1/health",
                         "errors":[{"field":"title","message":"must not be blank"},
                                   {"field":"priceMinor","message":"must be 0 or more"}]}
                        """)
                .build());

        assertThatThrownBy(client::health)
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().type()).hasToString("urn:stagedoor:problem:validation");
                    assertThat(e.problem().errors())
                            .containsExactly(
                                    new FieldError("title", "must not be blank"),
                                    new FieldError("priceMinor", "must be 0 or more"));
                })
                .hasMessage("400 Invalid input: 2 fields are invalid.; title: must not be blank; priceMinor: must be"
                        + " 0 or more");
    }

    @Test
    void anErrorWithoutProblemDetailsIsStillDescribed() {
        web.enqueue(new MockResponse.Builder()
                .code(418)
                .addHeader("Content-Type", "text/html")
                .body("<h1>I'm a teapot</h1>")
                .build());

        assertThatThrownBy(client::health).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(418);
            assertThat(e.problem().detail()).contains("without problem details: <h1>I'm a teapot</h1>");
        });
    }

    @Test
    void safeCallsAreRetriedAfterGatewayErrorsAndDroppedConnections() {
        web.enqueue(new MockResponse.Builder().code(502).build());
        web.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket(true, true, true))
                .build());
        web.enqueue(json(200, HEALTH_JSON));

        assertThat(client.health().isOk()).isTrue();
        assertThat(web.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerAskingToRetryLaterIsRetried() {
        web.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "1")
                .build());
        web.enqueue(json(200, HEALTH_JSON));

        assertThat(client.health().isOk()).isTrue();
        assertThat(web.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retriesStopAtTheLimitAndTheLastAnswerIsReported() {
        for (int i = 0; i < 3; i++) {
            web.enqueue(new MockResponse.Builder().code(504).build());
        }

        assertThatThrownBy(client::health)
                .isInstanceOfSatisfying(
                        ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(504));
        assertThat(web.getRequestCount()).as("one call and two retries").isEqualTo(3);
    }

    @Test
    void somethingThatIsNotTheApiIsReportedAsUnreachable() {
        web.enqueue(json(200, "[1, 2, 3]"));

        assertThatThrownBy(client::health)
                .isInstanceOf(ApiUnreachableException.class)
                .hasMessageContaining("sent a response this client cannot read: is it a Stagedoor server");
    }

    @Test
    void aNetworkFailureNamesTheAddress() {
        var address = web.url("/").toString();
        web.close();

        assertThatThrownBy(client::health)
                .isInstanceOf(ApiUnreachableException.class)
                .hasMessageStartingWith("Could not reach the Stagedoor server at " + address)
                .hasMessageEndingWith("Check the address and that the server is running.");
    }

    @Test
    void baseAddressesAreCheckedAndNormalised() {
        assertThatThrownBy(() -> StagedoorClient.builder("localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a server address: \"localhost:8080\". Use an address like http://localhost:8080");
        try (var prefixed =
                StagedoorClient.builder(" https://example.org/stagedoor ").build()) {
            assertThat(prefixed.baseUri()).hasToString("https://example.org/stagedoor/");
        }
    }
}
