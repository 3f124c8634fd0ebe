package io.stagedoor.server.bench;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checkouts per second and their latency with 50 buyers buying at once, on H2 and on PostgreSQL in one run. Each
 * buyer loops: POST /api/v1/checkout for one ticket with the test card (a paid order, its ticket and its e-mail in
 * the outbox), as fast as answers come. Warm-up first, then a measured window.
 *
 * <p>{@code ./mvnw -q -Pbench -pl server -am verify -DskipTests -Dbench.only=checkout} (see docs/BENCHMARKS.md).
 */
public final class CheckoutBenchmark {

    static final int BUYERS = 50;
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration MEASURED = Duration.ofSeconds(30);

    record Result(
            TestDatabase database,
            long checkouts,
            long failures,
            double perSecond,
            double p50Millis,
            double p99Millis) {}

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("checkout")) {
            return;
        }
        var results = new ArrayList<Result>();
        for (var database : TestDatabase.values()) {
            results.add(run(database));
        }
        var report = new StringBuilder()
                .append("Checkout benchmark, ")
                .append(BUYERS)
                .append(" concurrent buyers, ")
                .append(MEASURED.toSeconds())
                .append(" s measured after ")
                .append(WARM_UP.toSeconds())
                .append(" s warm-up; Stagedoor ")
                .append(BuildInfo.version())
                .append(", JDK ")
                .append(Runtime.version())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n\n")
                .append("| database | checkouts/s | p50 ms | p99 ms | checkouts | failures |\n")
                .append("|---|---|---|---|---|---|\n");
        for (var r : results) {
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.1f | %.1f | %d | %d |%n",
                    r.database().name().toLowerCase(Locale.ROOT),
                    r.perSecond(),
                    r.p50Millis(),
                    r.p99Millis(),
                    r.checkouts(),
                    r.failures()));
        }
        var h2 = results.getFirst();
        var postgres = results.getLast();
        report.append(String.format(
                Locale.ROOT, "%nPostgreSQL / H2 throughput ratio: %.2f%n", postgres.perSecond() / h2.perSecond()));
        System.out.println(report);
        var out = Path.of("target", "benchmarks", "checkout.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    static Result run(TestDatabase database) throws Exception {
        var dataDir = Files.createTempDirectory("stagedoor-bench-");
        // Every buyer is on this machine, so the per-address and total limits are lifted out of the way; the test
        // card is on by TestServers.
        try (var server = StagedoorServer.start(database.config(
                        dataDir,
                        "--database.pool-size=20",
                        "--checkout.purchases-per-address=1000000",
                        "--checkout.purchases-per-minute=1000000"));
                var organiser = Organisers.signedIn(server.baseUri(), "Bench Organiser")) {
            var event = organiser
                    .events()
                    .create(new EventDraft(
                            "Benchmark", "", Instant.now().plus(30, ChronoUnit.DAYS), "UTC", 60, null, null));
            var seat = organiser
                    .ticketTypes()
                    .create(
                            event.id(),
                            new TicketTypeDraft(
                                    "Seat", 1500L, "EUR", 1_000_000, null, null, new TicketAccess(true, 0, false, 0)));
            organiser.events().publish(event.id());
            var body = """
                    {"eventId":"%s","buyer":{"name":"Bench Buyer","email":"bench@example.org"},
                     "items":[{"ticketTypeId":"%s","quantity":1}],
                     "payment":{"provider":"test","testCardNumber":"4242424242424242"}}
                    """.formatted(event.id(), seat.id());
            var uri = URI.create(server.baseUri() + "api/v1/checkout");
            var http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            var latencies = new ConcurrentLinkedQueue<long[]>();
            var failures = new AtomicLong();
            var started = System.nanoTime();
            var measureFrom = started + WARM_UP.toNanos();
            var stopAt = measureFrom + MEASURED.toNanos();
            try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int b = 0; b < BUYERS; b++) {
                    buyers.submit(() -> {
                        var mine = new long[1 << 16];
                        int count = 0;
                        while (System.nanoTime() < stopAt) {
                            long begin = System.nanoTime();
                            boolean ok = checkout(http, uri, body);
                            long end = System.nanoTime();
                            if (begin >= measureFrom && end <= stopAt) {
                                if (!ok) {
                                    failures.incrementAndGet();
                                } else if (count < mine.length) {
                                    mine[count++] = end - begin;
                                }
                            }
                        }
                        latencies.add(Arrays.copyOf(mine, count));
                        return null;
                    });
                }
            }
            var all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(
                    database,
                    all.length,
                    failures.get(),
                    all.length / (double) MEASURED.toSeconds(),
                    percentile(all, 0.50),
                    percentile(all, 0.99));
        }
    }

    private static boolean checkout(HttpClient http, URI uri, String body) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 201;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
