package io.stagedoor.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.config.DatabaseConfig;
import io.stagedoor.server.config.MailConfig;
import io.stagedoor.server.db.Database;
import io.stagedoor.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox worker against a real database and a hand-written transport that fails as each test scripts it. */
class OutboxWorkerTest {

    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(120);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private static Database database;
    private static Jdbi jdbi;
    private final ScriptedTransport transport = new ScriptedTransport();

    @BeforeAll
    static void open() {
        database = Database.open(new DatabaseConfig(
                "jdbc:h2:mem:outbox-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "",
                "",
                10));
        jdbi = database.jdbi();
    }

    @AfterAll
    static void close() {
        database.close(); // the last connection closed, the in-memory database goes
    }

    @BeforeEach
    void emptyOutbox() {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM outbox_message"));
    }

    /** Answers each delivery as {@link #answer} says, and remembers every message it was handed. */
    static final class ScriptedTransport implements MailTransport {
        volatile Function<StoredMessage, @Nullable DeliveryException> answer = message -> null;
        final List<UUID> attempted = Collections.synchronizedList(new ArrayList<>());
        final List<UUID> delivered = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(StoredMessage message) throws DeliveryException {
            attempted.add(message.id());
            var failure = answer.apply(message);
            if (failure != null) {
                throw failure;
            }
            delivered.add(message.id());
        }

        @Override
        public boolean keepsMessages() {
            return false;
        }
    }

    private OutboxWorker worker(MailTransport transport) {
        return worker(transport, LONGEST_WAIT);
    }

    private OutboxWorker worker(MailTransport transport, Duration longestWait) {
        return new OutboxWorker(
                jdbi,
                clock,
                transport,
                new MailConfig("Tickets <tickets@example.org>", Optional.empty(), longestWait, GIVE_UP_AFTER),
                Duration.ofHours(1));
    }

    private UUID enqueue(String recipient) {
        return jdbi.inTransaction(handle -> Outbox.enqueue(
                handle,
                new OutgoingMessage("tickets", recipient, "Your tickets", "Hello", "<p>Hello</p>", null, null),
                clock.instant()));
    }

    private Map<String, Object> row(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT status, attempts, last_error, next_attempt_at, retry_until FROM outbox_message"
                                + " WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .one());
    }

    private Instant nextAttempt(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT next_attempt_at FROM outbox_message WHERE id = :id")
                .bind("id", id)
                .mapTo(Instant.class)
                .one());
    }

    private static DeliveryException.Unavailable unreachable() {
        return new DeliveryException.Unavailable(
                "Could not reach the mail server, or lost the connection to it.",
                new java.net.ConnectException("Connection refused"));
    }

    @Test
    void waitsLongerAfterEachFailureButNeverLongerThanTheLongestWait() {
        assertThat(List.of(1, 2, 3, 4, 5, 40, 100_000).stream()
                        .map(attempts ->
                                OutboxWorker.backoff(attempts, LONGEST_WAIT).toMinutes())
                        .toList())
                .containsExactly(1L, 2L, 4L, 5L, 5L, 5L, 5L);

        var worker = worker(transport);
        var id = enqueue("ada@example.org");
        transport.answer = message -> new DeliveryException.Deferred("Mailbox busy", new Exception("450"));
        var waits = new ArrayList<Long>();
        for (int i = 0; i < 6; i++) {
            var before = clock.instant();
            worker.deliverDue();
            waits.add(Duration.between(before, nextAttempt(id)).toMinutes());
            clock.advance(Duration.between(before, nextAttempt(id)));
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 5L, 5L, 5L);
        assertThat(row(id)).containsEntry("status", "PENDING").containsEntry("attempts", 6);
    }

    @Test
    void anOutageLongerThanTheRetryPeriodEndsInAFailureThatSaysWhy() {
        var longestWait = Duration.ofHours(1); // fewer rounds to get through five days
        var worker = worker(transport, longestWait);
        var id = enqueue("ada@example.org");
        transport.answer = message -> unreachable();
        var firstFailure = clock.instant();
        worker.deliverDue();
        while (row(id).get("status").equals("PENDING")) {
            assertThat(Duration.between(clock.instant(), nextAttempt(id))).isLessThanOrEqualTo(longestWait);
            clock.advance(Duration.between(clock.instant(), nextAttempt(id)));
            worker.deliverDue();
        }
        var failedAt = clock.instant();
        assertThat(failedAt)
                .isBetween(
                        firstFailure.plus(GIVE_UP_AFTER),
                        firstFailure.plus(GIVE_UP_AFTER).plus(LONGEST_WAIT));
        assertThat(row(id)).containsEntry("status", "FAILED");
        assertThat((String) row(id).get("last_error"))
                .isEqualTo("Not delivered after 5 days of trying. Could not reach the mail server, or lost the"
                        + " connection to it.");
        assertThat((int) row(id).get("attempts")).isGreaterThan((int) GIVE_UP_AFTER.toHours() - 5);

        transport.answer = message -> null;
        clock.advance(Duration.ofDays(30));
        assertThat(worker.deliverDue())
                .as("a failed message waits for its organiser")
                .isZero();
        assertThat(transport.delivered).isEmpty();
    }

    @Test
    void aRefusedMessageFailsAtOnceWithTheServersWordsAndIsNotTriedAgain() {
        var worker = worker(transport);
        var refused = enqueue("nobody@example.org");
        var fine = enqueue("ada@example.org");
        transport.answer = message -> message.recipient().startsWith("nobody")
                ? new DeliveryException.Refused(
                        "The mail server refused the address nobody@example.org: 550 5.1.1 User unknown",
                        new Exception("550"))
                : null;

        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(row(refused))
                .containsEntry("status", "FAILED")
                .containsEntry("attempts", 1)
                .containsEntry(
                        "last_error", "The mail server refused the address nobody@example.org: 550 5.1.1 User unknown");
        assertThat(row(fine)).containsEntry("status", "SENT");

        clock.advance(Duration.ofDays(1));
        worker.deliverDue();
        assertThat(transport.attempted).containsExactly(refused, fine);
    }

    @Test
    void whileTheServerIsUnreachableARoundStopsAtTheFirstMessageAndTheRestGoOutAfterwards() {
        var worker = worker(transport);
        var first = enqueue("a@example.org");
        clock.advance(Duration.ofSeconds(1));
        var second = enqueue("b@example.org");
        var third = enqueue("c@example.org");
        transport.answer = message -> unreachable();

        assertThat(worker.deliverDue()).isZero();
        assertThat(transport.attempted)
                .as("one try per round while the server is down")
                .containsExactly(first);
        assertThat(row(second)).containsEntry("status", "PENDING").containsEntry("attempts", 0);

        transport.answer = message -> null;
        assertThat(worker.deliverDue()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(transport.delivered).containsExactlyInAnyOrder(first, second, third);
        assertThat(row(first)).containsEntry("status", "SENT").containsEntry("last_error", null);
    }

    @Test
    void aWorkerWhoseClaimRanOutLeavesTheOutcomeToTheWorkerThatTookItOver() throws Exception {
        var id = enqueue("ada@example.org");
        var handedOver = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slow = new ScriptedTransport();
        slow.answer = message -> {
            handedOver.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        var stuck = worker(slow);
        var other = worker(transport);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var stuckRound = threads.submit(stuck::deliverDue);
            assertThat(handedOver.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(row(id)).containsEntry("status", "SENDING");
            assertThat(other.deliverDue()).as("claimed by the stuck worker").isZero();

            clock.advance(OutboxWorker.LEASE.plusSeconds(1));
            assertThat(other.deliverDue()).as("its claim ran out").isEqualTo(1);
            release.countDown();
            stuckRound.get(30, TimeUnit.SECONDS);
        }
        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void workersRacingForTheSameMessagesSendEachOnce() throws Exception {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 60; i++) {
            ids.add(enqueue("buyer" + i + "@example.org"));
        }
        var workers = List.of(worker(transport), worker(transport), worker(transport));
        var rounds = new ArrayList<Future<?>>();
        try (var threads = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                var worker = workers.get(t % workers.size());
                rounds.add(threads.submit(() -> {
                    while (transport.delivered.size() < ids.size()) {
                        worker.deliverDue();
                    }
                    return null;
                }));
            }
            for (var round : rounds) {
                round.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(transport.delivered).hasSize(ids.size()).containsExactlyInAnyOrderElementsOf(ids);
    }
}
