package io.stagedoor.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.server.ServerMain;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.RunningProcess;
import io.stagedoor.server.testing.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded database keeps every order the server answered {@code 201 Created} for, through {@code kill -9}: the
 * server runs as its own process on one data directory, buyers check out in parallel, and the process is killed
 * without warning at moments the test does not choose, then started again, several times, the last time right after
 * the last answer. Afterwards each answered order is paid, has its tickets, and has its e-mail in the outbox.
 */
class KilledServerKeepsPaidOrdersIT {

    private static final int ORDERS = 200;
    private static final int BUYERS = 8;
    private static final int KILLS_WHILE_BUYING = 3;
    private static final Duration START = Duration.ofSeconds(90);
    private static final String LISTENING = "listening on (http://\\S+/)";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final AtomicReference<URI> address = new AtomicReference<>();
    private RunningProcess server;

    /** An order the server answered 201 for, and the seats it asked for. */
    private record Answered(UUID orderId, int seats) {}

    private void startServer() {
        var command = new ArrayList<>(RunningProcess.javaCommand(
                ServerMain.class.getName(),
                "--http-host=127.0.0.1",
                "--http-port=0",
                "--ingest-enabled=false",
                "--payments.test.enabled=true",
                // Every buyer comes from this machine's one address: lift the per-address purchase limit.
                "--checkout.purchases-per-address=100000",
                "--data-dir=" + dataDir));
        // Quicker starts on a busy machine: the test restarts the server four times and measures nothing.
        command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        server = RunningProcess.start(command, Map.of());
        address.set(URI.create(server.awaitLine(LISTENING, START).group(1)));
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
    private void killServer() {
        server.close();
        address.set(null);
    }

    @Test
    void everyOrderAnsweredCreatedSurvivesKillsAtRandomMoments() throws Exception {
        startServer();
        UUID eventId;
        UUID seatId;
        try (var organiser = Organisers.signedIn(address.get(), "Crash Test Organiser")) {
            eventId = organiser
                    .events()
                    .create(new EventDraft(
                            "Unplugged", "", Instant.now().plus(7, ChronoUnit.DAYS), "UTC", 90, null, null))
                    .id();
            seatId = organiser
                    .ticketTypes()
                    .create(
                            eventId,
                            new TicketTypeDraft(
                                    "Seat", 2500L, "EUR", 10_000, null, null, new TicketAccess(true, 0, false, 0)))
                    .id();
            organiser.events().publish(eventId);
        }

        var answered = new ConcurrentHashMap<UUID, Answered>();
        var cutOff = new AtomicInteger();
        var kills = new ArrayList<Integer>();
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var buying = new ArrayList<Future<?>>();
        try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int b = 0; b < BUYERS; b++) {
                buying.add(buyers.submit(() -> {
                    while (answered.size() < ORDERS) {
                        var uri = address.get();
                        if (uri == null) {
                            Thread.sleep(20);
                            continue;
                        }
                        int seats = ThreadLocalRandom.current().nextInt(1, 4);
                        var orderId = checkout(http, uri, eventId, seatId, seats);
                        if (orderId == null) {
                            cutOff.incrementAndGet();
                        } else {
                            answered.put(orderId, new Answered(orderId, seats));
                        }
                    }
                    return null;
                }));
            }
            // Kill while buyers are mid-request, at a moment drawn afresh each time: after some more answers,
            // then a few milliseconds more.
            var random = ThreadLocalRandom.current();
            for (int kill = 1; kill <= KILLS_WHILE_BUYING; kill++) {
                int after = kill * ORDERS / (KILLS_WHILE_BUYING + 1) - random.nextInt(0, 20);
                long deadline = System.nanoTime() + START.toNanos();
                while (answered.size() < after) {
                    for (var buyer : buying) {
                        if (buyer.isDone()) {
                            buyer.get(); // a buyer that stopped early failed: say why now
                        }
                    }
                    assertThat(System.nanoTime())
                            .as(
                                    "%d answers by now; buyers done: %s",
                                    answered.size(),
                                    buying.stream().map(Future::isDone).toList())
                            .isLessThan(deadline);
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(0, 40));
                kills.add(answered.size());
                killServer();
                startServer();
            }
        }
        // And once more, right after the last answer.
        killServer();
        for (var buyer : buying) {
            buyer.get(); // a buyer's failed assertion fails the test
        }

        assertThat(answered).hasSizeGreaterThanOrEqualTo(ORDERS);
        assertThat(kills).as("answers counted at each kill").hasSize(KILLS_WHILE_BUYING);

        var database = TestServers.config(dataDir).database();
        var jdbi = Jdbi.create(database.url(), database.user(), database.password());
        var lost = new ArrayList<String>();
        jdbi.useHandle(handle -> {
            for (var order : answered.values()) {
                var status = handle.createQuery("SELECT status FROM orders WHERE id = :id")
                        .bind("id", order.orderId())
                        .mapTo(String.class)
                        .findOne()
                        .orElse("missing");
                int tickets = handle.createQuery(
                                "SELECT COUNT(*) FROM ticket WHERE order_id = :id AND status = 'VALID'")
                        .bind("id", order.orderId())
                        .mapTo(Integer.class)
                        .one();
                int mails = handle.createQuery(
                                "SELECT COUNT(*) FROM outbox_message WHERE order_id = :id AND kind = 'tickets'")
                        .bind("id", order.orderId())
                        .mapTo(Integer.class)
                        .one();
                if (!status.equals("PAID") || tickets != order.seats() || mails != 1) {
                    lost.add(order.orderId() + ": " + status + ", " + tickets + " of " + order.seats() + " tickets, "
                            + mails + " e-mails");
                }
            }
        });
        assertThat(lost)
                .as(
                        "orders answered 201 (%d, kills after %s answers, %d requests cut off by a kill)",
                        answered.size(), kills, cutOff.get())
                .isEmpty();
    }

    /** One checkout with the test card; the order's id when the answer was 201, null when the server went away. */
    private static UUID checkout(HttpClient http, URI server, UUID eventId, UUID seatId, int seats)
            throws InterruptedException {
        var body = """
                {"eventId":"%s","buyer":{"name":"Crash Buyer","email":"buyer@example.org"},
                 "items":[{"ticketTypeId":"%s","quantity":%d}],
                 "payment":{"provider":"test","testCardNumber":"4242424242424242"}}
                """.formatted(eventId, seatId, seats);
        var request = HttpRequest.newBuilder(server.resolve("/api/v1/checkout"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var receipt = JSON.readTree(response.body()).path("receipt");
        assertThat(receipt.path("status").asString()).isEqualTo("PAID");
        return UUID.fromString(receipt.path("orderId").asString());
    }
}
