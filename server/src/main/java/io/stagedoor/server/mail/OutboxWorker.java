package io.stagedoor.server.mail;

import io.stagedoor.server.config.MailConfig;
import io.stagedoor.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox in the background, never giving up on a message silently.
 *
 * <p>Each message is claimed in the database before it is sent: marked {@code SENDING} with a claim of its own and a
 * lease, in one conditional update that only one worker can win, so that two workers (two server nodes, or the
 * background round and {@link #deliverDue()} called at once) never send it both; only the claim's holder records the
 * outcome. A failed attempt is retried 1, 2, 4 … minutes later, at most {@code mail.retry-max-minutes} apart, until
 * {@code mail.give-up-after-hours} after its first failure; then, or at once when the server refused the message for
 * good (such as an unknown recipient), it is marked {@code FAILED} with the reason in words, logged as an error, and
 * listed for the organiser, who may retry it ({@link EventMail}). While the server is unreachable a round stops at
 * the first message that finds it so, rather than try every message against a server that is down.
 *
 * <p>Delivery is at least once, not exactly once: when the server process dies after the SMTP server accepted a
 * message but before it was marked sent, the message is sent again once its lease has run out. SMTP offers no way to
 * ask whether it already has a message; the repeat carries the same {@code Message-ID}. Bodies of sent mail are
 * erased, as they carry ticket links.
 */
public final class OutboxWorker implements AutoCloseable {

    /** How long a claim lasts: longer than one delivery can take within the transport's timeouts. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /** The wait after a first failure, doubled after each further one up to the configured longest wait. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    private static final int BATCH = 20;
    private static final int MAX_REASON = 2000;
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final MailTransport transport;
    private final Duration longestWait;
    private final Duration giveUpAfter;
    private final Duration pollEvery;
    private final ScheduledExecutorService scheduler;

    /** What became of one message's attempt. */
    private enum Outcome {
        DELIVERED,
        NOT_DELIVERED,
        SERVER_UNAVAILABLE
    }

    /** A claimed message and when retrying it stops, once it has failed. */
    private record Claimed(StoredMessage message, @Nullable Instant retryUntil) {}

    public OutboxWorker(Jdbi jdbi, Clock clock, MailTransport transport, MailConfig config, Duration pollEvery) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.transport = transport;
        this.longestWait = config.retryMaxInterval();
        this.giveUpAfter = config.giveUpAfter();
        this.pollEvery = pollEvery;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-worker").daemon().factory());
    }

    /** Starts delivering in the background, a round every {@code pollEvery}. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Outbox delivery round failed; trying again shortly", e);
        }
    }

    /** One round: delivers what is due now. Returns the number of messages delivered. */
    public int deliverDue() {
        var due = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM outbox_message
                        WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                        ORDER BY next_attempt_at LIMIT :batch
                        """)
                .bind("now", Sql.time(clock.instant()))
                .bind("batch", BATCH)
                .mapTo(UUID.class)
                .list());
        int delivered = 0;
        for (var id : due) {
            var claim = UUID.randomUUID();
            if (!claim(id, claim)) {
                continue; // another worker has it, or it was delivered meanwhile
            }
            switch (deliver(id, claim)) {
                case DELIVERED -> delivered++;
                case NOT_DELIVERED -> {
                    // retried later, or failed for the organiser to see
                }
                case SERVER_UNAVAILABLE -> {
                    return delivered; // the rest wait for the next round rather than try a server that is down
                }
            }
        }
        return delivered;
    }

    /** Marks the message in flight, ours, unless someone else holds it or it is not due. */
    private boolean claim(UUID id, UUID claim) {
        var now = clock.instant();
        return jdbi.withHandle(handle -> handle.createUpdate("""
                                UPDATE outbox_message SET status = 'SENDING', claim = :claim, next_attempt_at = :lease
                                WHERE id = :id AND status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                                """)
                        .bind("claim", claim)
                        .bind("lease", Sql.time(now.plus(LEASE)))
                        .bind("id", id)
                        .bind("now", Sql.time(now))
                        .execute())
                == 1;
    }

    private Outcome deliver(UUID id, UUID claim) {
        var claimed = jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM outbox_message WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Claimed(
                        new StoredMessage(
                                Sql.uuid(rs, "id"),
                                rs.getString("kind"),
                                rs.getString("recipient"),
                                rs.getString("subject"),
                                rs.getString("text_body"),
                                rs.getString("html_body"),
                                rs.getString("attachment_name") == null
                                        ? null
                                        : new OutgoingMessage.Attachment(
                                                rs.getString("attachment_name"),
                                                rs.getString("attachment_type"),
                                                rs.getString("attachment_body")),
                                rs.getInt("attempts"),
                                Sql.instant(rs, "created_at")),
                        Sql.nullableInstant(rs, "retry_until")))
                .one());
        try {
            transport.deliver(claimed.message());
        } catch (DeliveryException e) {
            return failed(claimed, claim, e);
        } catch (RuntimeException e) {
            return failed(
                    claimed,
                    claim,
                    new DeliveryException.Deferred("The server could not send the message; trying again.", e));
        }
        var keep = transport.keepsMessages();
        int recorded = jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE outbox_message SET status = :status, sent_at = :now, attempts = attempts + 1,"
                                + " last_error = NULL, retry_until = NULL, claim = NULL"
                                + (keep ? "" : ", text_body = NULL, html_body = NULL, attachment_body = NULL")
                                + " WHERE id = :id AND claim = :claim")
                .bind("status", keep ? "KEPT" : "SENT")
                .bind("now", Sql.time(clock.instant()))
                .bind("id", id)
                .bind("claim", claim)
                .execute());
        if (recorded == 0) {
            log.warn(
                    "Delivered {} message {} after its claim of {} had run out: another attempt may send it again",
                    claimed.message().kind(),
                    id,
                    LEASE);
        }
        return Outcome.DELIVERED;
    }

    private Outcome failed(Claimed claimed, UUID claim, DeliveryException e) {
        var message = claimed.message();
        var now = clock.instant();
        int attempts = message.attempts() + 1;
        var retryUntil = claimed.retryUntil() != null ? claimed.retryUntil() : now.plus(giveUpAfter);
        boolean refused = e instanceof DeliveryException.Refused;
        boolean giveUp = refused || !now.isBefore(retryUntil);
        var reason = refused
                ? e.reason()
                : giveUp ? "Not delivered after " + inWords(giveUpAfter) + " of trying. " + e.reason() : e.reason();
        var next = giveUp ? now : now.plus(backoff(attempts, longestWait));
        if (giveUp) {
            log.error(
                    "Gave up on {} message {} after {} attempts; its organiser can retry it: {}",
                    message.kind(),
                    message.id(),
                    attempts,
                    reason,
                    e.getCause());
        } else if (attempts == 1) {
            log.warn(
                    "Could not deliver {} message {}; trying again until {}: {} ({})",
                    message.kind(),
                    message.id(),
                    retryUntil,
                    reason,
                    String.valueOf(e.getCause()));
        } else {
            log.debug("Attempt {} at {} message {} failed: {}", attempts, message.kind(), message.id(), reason);
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE outbox_message SET status = :status, attempts = :attempts, next_attempt_at = :next,
                            last_error = :reason, retry_until = :retryUntil, claim = NULL
                        WHERE id = :id AND claim = :claim
                        """)
                .bind("status", giveUp ? "FAILED" : "PENDING")
                .bind("attempts", attempts)
                .bind("next", Sql.time(next))
                .bind("reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason)
                .bind("retryUntil", Sql.time(retryUntil))
                .bind("id", message.id())
                .bind("claim", claim)
                .execute());
        return e instanceof DeliveryException.Unavailable ? Outcome.SERVER_UNAVAILABLE : Outcome.NOT_DELIVERED;
    }

    /** 1, 2, 4, 8 … minutes after the attempt-th failure, never more than {@code longest}. */
    static Duration backoff(int attempts, Duration longest) {
        var wait = FIRST_RETRY.multipliedBy(1L << Math.clamp(attempts - 1, 0, 20));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    private static String inWords(Duration duration) {
        long hours = duration.toHours();
        return hours % 24 == 0
                ? (hours / 24) + (hours == 24 ? " day" : " days")
                : hours + (hours == 1 ? " hour" : " hours");
    }

    /** The messages kept locally, newest first, for the outbox page (without attachments). */
    public List<StoredMessage> kept(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM outbox_message WHERE status = 'KEPT' ORDER BY created_at DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> keptRow(rs))
                .list());
    }

    public Optional<StoredMessage> keptMessage(UUID id) {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT * FROM outbox_message WHERE status = 'KEPT' AND id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> keptRow(rs))
                        .findOne());
    }

    private static StoredMessage keptRow(ResultSet rs) throws SQLException {
        return new StoredMessage(
                Sql.uuid(rs, "id"),
                rs.getString("kind"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("text_body"),
                rs.getString("html_body"),
                null,
                rs.getInt("attempts"),
                Sql.instant(rs, "created_at"));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
