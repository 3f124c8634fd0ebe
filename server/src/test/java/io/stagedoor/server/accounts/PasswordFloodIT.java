package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.ServerMain;
import io.stagedoor.server.testing.RunningProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hundred sign-ups, then three hundred wrong sign-ins, all at once, against a server in a JVM of its own with a
 * heap of {@value #HEAP}. Each password hash holds 19 MiB, so unbounded they would need over 5 GiB: the server must
 * answer every request (the excess with 429 or 503 and {@code Retry-After}), stay up (an out-of-memory error ends its JVM),
 * and let the organiser in afterwards from another address.
 */
class PasswordFloodIT {

    static final String HEAP = "192m";
    private static final int BURST = 300;
    private static final String PASSWORD = "the organiser's own password";
    private static final String ORGANISER = "organiser@example.org";
    private static final String HOME = "198.51.100.1";

    @TempDir
    Path dataDir;

    record Answer(int status, String body, String retryAfter) {}

    @Test
    void aServerWithASmallHeapAnswersEveryOneAndStaysUp() throws Exception {
        var command = new ArrayList<>(RunningProcess.javaCommand(
                ServerMain.class.getName(),
                "--http-host=127.0.0.1",
                "--http-port=0",
                "--ingest-enabled=false",
                "--data-dir=" + dataDir,
                "--http.trusted-proxies=127.0.0.1",
                "--auth.registration=open",
                "--auth.hashing.permits=1",
                "--auth.hashing.max-wait-ms=500",
                "--auth.sign-up.per-address-per-hour=2",
                "--auth.sign-up.per-hour=100000"));
        // The heap the server gets; running out of it ends the JVM, which the test would see.
        command.addAll(1, List.of("-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError"));
        try (var server = RunningProcess.start(command, Map.of());
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build()) {
            var base = URI.create(server.awaitLine("listening on (http://\\S+/)", Duration.ofSeconds(60))
                    .group(1));
            var setupCode = server.awaitLine("Setup code: (\\S+)", Duration.ofSeconds(10))
                    .group(1);
            var client = new Client(http, base);
            var owner = client.signUp(ORGANISER, PASSWORD, setupCode, HOME).join();
            assertThat(owner.status()).as(owner.body()).isEqualTo(201);
            assertThat(client.signIn(ORGANISER, PASSWORD, HOME).join().status()).isEqualTo(201);

            var signUps = new ArrayList<CompletableFuture<Answer>>();
            for (int i = 0; i < BURST; i++) {
                signUps.add(client.signUp("crowd" + i + "@example.org", "a long enough password", null, address(1, i)));
            }
            var signUpAnswers = all(signUps, server);
            assertAnsweredAll(signUpAnswers, 201);

            var signIns = new ArrayList<CompletableFuture<Answer>>();
            for (int i = 0; i < BURST; i++) {
                // Half guess the organiser's password from one address, half made-up accounts' from many.
                signIns.add(
                        i % 2 == 0
                                ? client.signIn(ORGANISER, "guess " + i, "203.0.113.9")
                                : client.signIn("nobody" + i + "@example.org", "guess " + i, address(2, i)));
            }
            var signInAnswers = all(signIns, server);
            assertAnsweredAll(signInAnswers, 401);
            assertThat(signInAnswers.stream()
                            .filter(a -> a.status() == 401)
                            .filter(a -> a.body().contains("wrong"))
                            .count())
                    .as("wrong passwords checked")
                    .isPositive();

            assertThat(client.get("health").join().status()).isEqualTo(200);
            assertThat(client.signIn(ORGANISER, PASSWORD, "192.0.2.77").join().status())
                    .as("the organiser, from another address")
                    .isEqualTo(201);
            assertThat(client.signIn(ORGANISER, PASSWORD, HOME).join().status()).isEqualTo(201);
            assertThat(server.output()).doesNotContain("OutOfMemoryError").doesNotContain("Unexpected failure");
        }
    }

    /** A made-up client address of its own for request {@code i} of burst {@code burst}. */
    private static String address(int burst, int i) {
        return "10." + burst + "." + (i / 250) + "." + (i % 250 + 1);
    }

    private static List<Answer> all(List<CompletableFuture<Answer>> requests, RunningProcess server) {
        try {
            return requests.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw new AssertionError("A request went unanswered. The server said:\n" + server.output(), e);
        }
    }

    /**
     * Every request answered: those let through with {@code success}, the rest told to come back later, either by the
     * bound on password hashes (429) or, when they waited too long for a turn at all, by the request budget (503).
     */
    private static void assertAnsweredAll(List<Answer> answers, int success) {
        assertThat(answers).hasSize(BURST).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isIn(success, 429, 503);
            if (a.status() != success) {
                assertThat(Long.parseLong(a.retryAfter())).as(a.body()).isPositive();
            }
            if (a.status() == 503) {
                assertThat(a.body()).contains("urn:stagedoor:problem:server-busy");
            }
        });
        Predicate<Answer> busy = a -> a.status() == 429 && a.body().contains("busy checking other passwords");
        assertThat(answers).as("some let through").anyMatch(a -> a.status() == success);
        assertThat(answers).as("some told the server is busy").anyMatch(busy);
    }

    /** Raw requests, each from the client address given in {@code X-Forwarded-For}. */
    private record Client(HttpClient http, URI base) {

        CompletableFuture<Answer> signUp(String email, String password, String setupCode, String from) {
            var code = setupCode == null ? "" : ",\"setupCode\":\"" + setupCode + "\"";
            return post(
                    "accounts",
                    "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Someone\"" + code + "}",
                    from);
        }

        CompletableFuture<Answer> signIn(String email, String password, String from) {
            return post("sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", from);
        }

        CompletableFuture<Answer> get(String path) {
            return send(HttpRequest.newBuilder(base.resolve("api/v1/" + path)).GET());
        }

        private CompletableFuture<Answer> post(String path, String json, String from) {
            return send(HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", from)
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private CompletableFuture<Answer> send(HttpRequest.Builder request) {
            return http.sendAsync(
                            request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Answer(
                            r.statusCode(),
                            r.body(),
                            r.headers().firstValue("Retry-After").orElse("")));
        }
    }
}
