package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing passwords and flooding sign-ups, from many client addresses: the server trusts 127.0.0.1 as its proxy, so
 * each request names its client in {@code X-Forwarded-For}, as a reverse proxy would.
 */
class AccountAttacksIT {

    private static final String PASSWORD = "the organiser's own password";
    private static final String ORGANISER = "organiser@example.org";
    private static final String HOME = "198.51.100.1";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private StagedoorServer server;

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private void start(String... flags) {
        var all = new ArrayList<>(List.of("--http.trusted-proxies=127.0.0.1", "--auth.registration=open"));
        all.addAll(List.of(flags));
        server = StagedoorServer.start(TestServers.config(dataDir, all.toArray(String[]::new)));
    }

    record Answer(int status, String body, String retryAfter) {}

    private CompletableFuture<Answer> post(String path, String json, String clientAddress) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUri() + "api/v1/" + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(
                        r.statusCode(),
                        r.body(),
                        r.headers().firstValue("Retry-After").orElse("")));
    }

    private Answer signIn(String email, String password, String clientAddress) {
        return post("sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", clientAddress)
                .join();
    }

    private Answer signUp(String email, String clientAddress) {
        return post(
                        "accounts",
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Someone\"}",
                        clientAddress)
                .join();
    }

    private void organiserAtHome() {
        assertThat(signUp(ORGANISER, HOME).status()).isEqualTo(201);
        assertThat(signIn(ORGANISER, PASSWORD, HOME).status()).isEqualTo(201);
    }

    private static void assertTooMany(Answer answer, String saying) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.body()).contains(saying);
        assertThat(Long.parseLong(answer.retryAfter())).isPositive();
    }

    @Test
    void wrongPasswordsSentAllAtOnceGetNoFurtherThanTheLimitAndTheOrganiserStillGetsIn() {
        start("--auth.hashing.permits=4");
        organiserAtHome();

        var guesses = new ArrayList<CompletableFuture<Answer>>();
        for (int i = 0; i < 40; i++) {
            guesses.add(post(
                    "sessions",
                    "{\"email\":\"" + ORGANISER + "\",\"password\":\"guess number " + i + "\"}",
                    "203.0.113.9"));
        }
        var answers = guesses.stream().map(CompletableFuture::join).toList();
        var checked = answers.stream().filter(a -> a.status() == 401).count();
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isIn(401, 429);
            if (a.status() == 429) {
                assertThat(Long.parseLong(a.retryAfter())).isPositive();
            }
        });
        assertThat(checked).as("guesses whose password was checked").isBetween(1L, 5L);
        // Guesses the busy server never checked did not count; the rest of the five are soon used up, and no more.
        var more = 0;
        Answer last;
        do {
            last = signIn(ORGANISER, "one more guess", "203.0.113.9");
            more += last.status() == 401 ? 1 : 0;
        } while (last.status() == 401 || last.body().contains("busy"));
        assertThat(checked + more).isEqualTo(5);
        assertTooMany(last, "to this account from your network address");

        assertThat(signIn(ORGANISER, PASSWORD, "192.0.2.50").status())
                .as("the organiser, from an address of their own")
                .isEqualTo(201);
        assertThat(signIn(ORGANISER, PASSWORD, HOME).status()).isEqualTo(201);
        assertTooMany(signIn(ORGANISER, PASSWORD, "203.0.113.9"), "to this account from your network address");
    }

    @Test
    void strangersGuessingFromManyAddressesCannotLockTheOrganiserOutWhereTheySignedInBefore() {
        start(
                "--auth.hashing.permits=4",
                "--auth.sign-in.failures-per-account-and-address=3",
                "--auth.sign-in.failures-per-account=6");
        organiserAtHome();

        var guesses = new ArrayList<CompletableFuture<Answer>>();
        for (int i = 0; i < 30; i++) {
            guesses.add(post(
                    "sessions",
                    "{\"email\":\"" + ORGANISER + "\",\"password\":\"a guess\"}",
                    "203.0.113." + (10 + i % 10)));
        }
        var checked = guesses.stream()
                .map(CompletableFuture::join)
                .filter(a -> a.status() == 401)
                .count();
        assertThat(checked).as("guesses checked, over all addresses").isLessThanOrEqualTo(6);
        // Top the account's limit up with guesses one at a time, whatever the busy server left unchecked.
        for (int i = 0; checked < 6 && i < 100; i++) {
            var answer = signIn(ORGANISER, "a guess", "203.0.113." + (30 + i));
            checked += answer.status() == 401 ? 1 : 0;
        }
        assertThat(checked).isEqualTo(6);

        assertTooMany(signIn(ORGANISER, "a guess", "203.0.113.99"), "from places it was never signed in from");
        assertTooMany(signIn(ORGANISER, PASSWORD, "203.0.113.98"), "Sign in where you signed in before");
        assertThat(signIn(ORGANISER, PASSWORD, HOME).status())
                .as("the organiser at home, while strangers are held off")
                .isEqualTo(201);
        assertThat(signIn("someone.else@example.org", PASSWORD, "203.0.113.99").status())
                .as("other accounts are not held off")
                .isEqualTo(401);
    }

    @Test
    void oneAddressGuessingAcrossAccountsIsHeldBackAndMadeUpAccountsAreCountedAlike() {
        start("--auth.hashing.permits=4", "--auth.sign-in.failures-per-address=4");
        organiserAtHome();

        for (int i = 0; i < 4; i++) {
            var answer = signIn("nobody" + i + "@example.org", "a guess", "203.0.113.7");
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        }
        assertTooMany(signIn(ORGANISER, "a guess", "203.0.113.7"), "from your network address");
        assertThat(signIn(ORGANISER, PASSWORD, "203.0.113.8").status()).isEqualTo(201);
        // The same /64 of IPv6 counts as one client.
        for (int i = 0; i < 4; i++) {
            signIn("nobody@example.org", "a guess", "2001:db8:5:6::" + (i + 1));
        }
        assertTooMany(signIn(ORGANISER, PASSWORD, "2001:db8:5:6:ffff::1"), "from your network address");
        assertThat(signIn(ORGANISER, PASSWORD, "2001:db8:5:7::1").status()).isEqualTo(201);
    }

    @Test
    void signUpsAreLimitedPerAddressAndInTotal() {
        start("--auth.sign-up.per-address-per-hour=2", "--auth.sign-up.per-hour=5", "--auth.hashing.permits=4");
        var counter = new AtomicInteger();

        assertThat(signUp("a" + counter.incrementAndGet() + "@example.org", "203.0.113.1")
                        .status())
                .isEqualTo(201);
        assertThat(signUp("a" + counter.incrementAndGet() + "@example.org", "203.0.113.1")
                        .status())
                .isEqualTo(201);
        assertTooMany(signUp("a" + counter.incrementAndGet() + "@example.org", "203.0.113.1"), "from your network");

        for (var address : List.of("203.0.113.2", "203.0.113.2", "203.0.113.3")) {
            assertThat(signUp("a" + counter.incrementAndGet() + "@example.org", address)
                            .status())
                    .isEqualTo(201);
        }
        assertTooMany(signUp("a" + counter.incrementAndGet() + "@example.org", "203.0.113.4"), "no more new accounts");
    }
}
