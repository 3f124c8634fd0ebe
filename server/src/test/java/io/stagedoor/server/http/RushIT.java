package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.config.ConfigLoader;
import io.stagedoor.server.config.HttpConfig;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.RunningProcess;
import io.stagedoor.server.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moment sales open: 500 buyers, each from its own address, open their connections in the same second and check
 * out on an event with 100 seats. The buyers run in a process of their own ({@link RushBuyers}), so the server's JVM
 * does nothing for them. The listening socket's accept queue, as the kernel reports it, holds the whole rush; no
 * connection waits for the kernel to retry its SYN; every request gets an HTTP answer (no connection refused, reset
 * or left unanswered), a buyer told to wait (503 or 429 with Retry-After) and trying again included; and exactly 100
 * seats sell.
 */
class RushIT {

    private static final int BUYERS = 500;
    private static final int SEATS = 100;
    /** A loopback connection is made at once while the accept queue has room; the kernel retries a SYN after 1 s. */
    private static final Duration PROMPT_CONNECT = Duration.ofSeconds(5);

    private static final Pattern ATTEMPT =
            Pattern.compile("^attempt (\\d+) (\\d+) (\\S+) connectMillis=(-?\\d+) millis=(\\d+) at=(\\d+)$");

    @TempDir
    Path dataDir;

    @Test
    void everyBuyerGetsAnAnswerAndExactlyTheSeatsSell() throws Exception {
        var config = TestServers.config(dataDir, "--payments.test.enabled=true");
        // The shipped limits, not the patient ones tests otherwise run with.
        var shipped = new ConfigLoader(Map.of(), "Linux", dataDir.toString())
                .load(List.of())
                .http()
                .capacity();
        var http = config.http();
        config = config.withHttp(
                new HttpConfig(http.host(), http.port(), http.maxRequestBytes(), http.trustedProxies(), shipped));
        try (var server = StagedoorServer.start(config);
                var organiser = Organisers.signedIn(server.baseUri(), "Rush Organiser")) {
            var event = organiser
                    .events()
                    .create(new EventDraft(
                            "Opening Night", "", Instant.now().plus(7, ChronoUnit.DAYS), "UTC", 60, null, null));
            var seats = organiser
                    .ticketTypes()
                    .create(
                            event.id(),
                            new TicketTypeDraft(
                                    "Seat", 2500L, "EUR", SEATS, null, null, new TicketAccess(true, 0, false, 0)));
            organiser.events().publish(event.id());

            // Files.readString reads a /proc file short, trusting its size of 0; lines are read to the end.
            var somaxconn = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn"))
                    .getFirst()
                    .strip());
            assertThat(acceptQueue(server.httpPort()))
                    .as("the listening socket's accept queue, as the kernel has it (ss's Send-Q; at most somaxconn)")
                    .isEqualTo(Math.min(shipped.acceptQueue(), somaxconn));

            List<String> lines;
            try (var buyers = RunningProcess.start(
                    RunningProcess.javaCommand(
                            RushBuyers.class.getName(),
                            String.valueOf(server.httpPort()),
                            String.valueOf(BUYERS),
                            event.id().toString(),
                            seats.id().toString(),
                            "100"),
                    Map.of())) {
                assertThat(buyers.awaitExit(Duration.ofSeconds(150)))
                        .as(buyers.output())
                        .isZero();
                lines = buyers.output().lines().toList();
            }
            assertThat(lines).as("the buyers' process ran to its end").contains("finished");

            var attempts = new ArrayList<Attempt>();
            for (var line : lines) {
                var matcher = ATTEMPT.matcher(line);
                if (matcher.matches()) {
                    attempts.add(new Attempt(
                            Integer.parseInt(matcher.group(1)),
                            matcher.group(3),
                            Long.parseLong(matcher.group(4)),
                            Long.parseLong(matcher.group(5)),
                            Long.parseLong(matcher.group(6))));
                }
            }
            var last = new TreeMap<Integer, Attempt>();
            attempts.forEach(a -> last.put(a.buyer(), a));
            var outcomes = attempts.stream().collect(Collectors.groupingBy(Attempt::outcome, Collectors.counting()));
            var summary = "outcomes " + outcomes + ", slowest answer "
                    + attempts.stream().mapToLong(Attempt::millis).max().orElse(0) + " ms, slowest connect "
                    + attempts.stream().mapToLong(Attempt::connectMillis).max().orElse(0) + " ms, the last answer "
                    + attempts.stream().mapToLong(Attempt::at).max().orElse(0) + " ms after the rush began";

            assertThat(attempts.stream().filter(a -> a.outcome().startsWith("error")))
                    .as("connections without an HTTP answer; " + summary)
                    .isEmpty();
            assertThat(attempts.stream().filter(a -> a.connectMillis() > PROMPT_CONNECT.toMillis()))
                    .as("connections that waited for the kernel to retry their SYN (after 1, 3, 7 s...), as happens"
                            + " when the accept queue overflows; " + summary)
                    .isEmpty();
            assertThat(last).as("every buyer's turn ended with an answer").hasSize(BUYERS);
            assertThat(last.values().stream().map(Attempt::outcome).collect(Collectors.toSet()))
                    .as("each buyer bought a seat or was told it was sold out; " + summary)
                    .isSubsetOf("201", "409");
            assertThat(last.values().stream().filter(a -> a.outcome().equals("201")))
                    .as(summary)
                    .hasSize(SEATS);
            assertThat(attempts.stream().map(Attempt::outcome).collect(Collectors.toSet()))
                    .as("no answer but a sale, sold out, or wait and try again; " + summary)
                    .isSubsetOf("201", "409", "503", "429");

            var type = organiser.ticketTypes().list(event.id()).getFirst();
            assertThat(type.sold()).isEqualTo(SEATS);
            assertThat(type.available()).isZero();
            assertThat(organiser
                            .orders()
                            .list(event.id(), OrderStatus.PAID, 1, 1)
                            .total())
                    .isEqualTo(SEATS);
            System.out.println("Rush of " + BUYERS + " buyers for " + SEATS + " seats: " + summary);
        }
    }

    /** The backlog of the socket listening on {@code port}: for a listener, {@code ss} shows it as its Send-Q. */
    private static int acceptQueue(int port) throws IOException, InterruptedException {
        var ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port)
                .redirectErrorStream(true)
                .start();
        var listeners = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(ss.waitFor()).as(listeners).isZero();
        var fields = listeners.split("\\s+");
        assertThat(fields).as(listeners).hasSizeGreaterThanOrEqualTo(4).startsWith("LISTEN");
        return Integer.parseInt(fields[2]);
    }

    /** One request of one buyer, and how it ended: an HTTP status, or {@code error:...}. */
    private record Attempt(int buyer, String outcome, long connectMillis, long millis, long at) {}
}
