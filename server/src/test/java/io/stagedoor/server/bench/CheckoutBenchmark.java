package io.stagedoor.server.bench;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checkouts per second and their latency with 50 buyers buying at once, on H2 and on PostgreSQL in one run. Each
 * buyer loops: POST /api/v1/checkout for one ticket with the test card (a paid order, its ticket and its e-mail in
 * the outbox), as fast as answers come. Warm-up first, then a measured window.
 *
 * <p>H2 runs three ways, so that the price of durable commits is measured on the same load: as configured (every
 * commit on the disk before it returns), written at each commit without waiting for the disk
 * ({@code database.sync-writes=false}), and with the URL of the releases before (H2's default 500 ms write delay). {@code -Dbench.rounds=N} repeats the whole set N
 * times, interleaved, and reports the median with the range; {@code -Dbench.buyers=N} changes the 50 buyers.
 *
 * <p>{@code ./mvnw -q -Pbench -pl server -am verify -DskipTests -Dbench.only=checkout} (see docs/BENCHMARKS.md).
 */
public final class CheckoutBenchmark {

    /** Buyers at once; {@code -Dbench.buyers=1} shows what one commit costs a lone buyer. */
    static final int BUYERS = Integer.getInteger("bench.buyers", 50);

    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration MEASURED = Duration.ofSeconds(30);

    /** One way of running the server: a database, and the flags that set it up. */
    record Variant(String name, TestDatabase database, Function<Path, List<String>> flags) {}

    static final List<Variant> VARIANTS = List.of(
            new Variant("h2 (durable commits, the default)", TestDatabase.H2, dir -> List.of()),
            new Variant(
                    "h2, written at each commit without waiting for the disk (database.sync-writes=false)",
                    TestDatabase.H2,
                    dir -> List.of("--database.sync-writes=false")),
            new Variant(
                    "h2 as opened before (500 ms write delay)",
                    TestDatabase.H2,
                    dir -> List.of("--database.url=" + h2Url(dir))),
            new Variant("postgresql", TestDatabase.POSTGRESQL, dir -> List.of()));

    record Result(
            Variant variant, long checkouts, long failures, double perSecond, double p50Millis, double p99Millis) {}

    /** The embedded URL of the releases before durable commits. */
    private static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("stagedoor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("checkout")) {
            return;
        }
        int rounds = Integer.getInteger("bench.rounds", 1);
        var startedAt = Instant.now();
        var load = Files.readString(Path.of("/proc/loadavg")).strip();
        var results = new LinkedHashMap<Variant, List<Result>>();
        for (int round = 1; round <= rounds; round++) {
            for (var variant : VARIANTS) {
                var result = run(variant);
                System.out.printf(
                        Locale.ROOT,
                        "round %d, %s: %.0f checkouts/s, p50 %.1f ms, p99 %.1f ms, %d failures%n",
                        round,
                        variant.name(),
                        result.perSecond(),
                        result.p50Millis(),
                        result.p99Millis(),
                        result.failures());
                results.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
            }
        }
        var report = new StringBuilder()
                .append(Benchmarks.header("Checkout", startedAt, load))
                .append("\n\n")
                .append(BUYERS)
                .append(" concurrent buyers, ")
                .append(MEASURED.toSeconds())
                .append(" s measured after ")
                .append(WARM_UP.toSeconds())
                .append(" s warm-up; ")
                .append(rounds)
                .append(rounds == 1 ? " round" : " rounds, medians with the range")
                .append("\n\n")
                .append("| database | checkouts/s | p50 ms | p99 ms | checkouts | failures |\n")
                .append("|---|---|---|---|---|---|\n");
        results.forEach((variant, runs) -> report.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %d | %d |%n",
                variant.name(),
                spread(runs, Result::perSecond, "%.0f"),
                spread(runs, Result::p50Millis, "%.1f"),
                spread(runs, Result::p99Millis, "%.1f"),
                runs.stream().mapToLong(Result::checkouts).sum(),
                runs.stream().mapToLong(Result::failures).sum())));
        var durable = median(results.get(VARIANTS.get(0)), Result::perSecond);
        var written = median(results.get(VARIANTS.get(1)), Result::perSecond);
        var before = median(results.get(VARIANTS.get(2)), Result::perSecond);
        var postgres = median(results.get(VARIANTS.get(3)), Result::perSecond);
        report.append(String.format(
                Locale.ROOT,
                "%nDurable H2 / H2 as before: %.2f; H2 written at each commit / as before: %.2f;"
                        + " PostgreSQL / durable H2: %.2f%n",
                durable / before,
                written / before,
                postgres / durable));
        Benchmarks.publish("checkout", report.toString());
    }

    private static double median(List<Result> runs, ToDoubleFunction<Result> figure) {
        var sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** The median, and the range when there was more than one round. */
    private static String spread(List<Result> runs, ToDoubleFunction<Result> figure, String format) {
        var median = String.format(Locale.ROOT, format, median(runs, figure));
        if (runs.size() == 1) {
            return median;
        }
        var stats = runs.stream().mapToDouble(figure).summaryStatistics();
        return median + " (" + String.format(Locale.ROOT, format, stats.getMin()) + "–"
                + String.format(Locale.ROOT, format, stats.getMax()) + ")";
    }

    static Result run(Variant variant) throws Exception {
        var dataDir = Files.createTempDirectory("stagedoor-bench-");
        // Every buyer is on this machine, so the per-address and total limits are lifted out of the way; the test
        // card is on by TestServers.
        var flags = new ArrayList<>(variant.flags().apply(dataDir));
        flags.addAll(List.of(
                "--database.pool-size=20",
                "--checkout.purchases-per-address=1000000",
                "--checkout.purchases-per-minute=1000000"));
        try (var server = StagedoorServer.start(variant.database().config(dataDir, flags.toArray(String[]::new)));
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
                    variant,
                    all.length,
                    failures.get(),
                    all.length / (double) MEASURED.toSeconds(),
                    percentile(all, 0.50),
                    percentile(all, 0.99));
        } finally {
            Benchmarks.deleteTree(dataDir);
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
