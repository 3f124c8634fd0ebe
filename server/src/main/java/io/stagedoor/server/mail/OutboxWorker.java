package io.stagedoor.server.mail;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox in the background. Each message is claimed with a lease (so that two server nodes, or a
 * restarted one, never send it twice at once), delivered, and marked sent; a failure is retried with backoff
 * (1, 2, 4 … minutes, at most an hour apart) up to {@link #MAX_ATTEMPTS} times, then marked failed with the
 * reason. Bodies of sent mail are erased, as they carry ticket links.
 */
public final class OutboxWorker implements AutoCloseable {

    static final int MAX_ATTEMPTS = 10;
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final MailTransport transport;
    private final ScheduledExecutorService scheduler;

    public OutboxWorker(Jdbi jdbi, Clock clock, MailTransport transport, Duration pollEvery) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.transport = transport;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-worker").daemon().factory());
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
        var now = clock.instant();
        var due = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM outbox_message
                        WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                        ORDER BY next_attempt_at LIMIT :batch
                        """)
                .bind("now", Sql.time(now))
                .bind("batch", BATCH)
                .mapTo(UUID.class)
                .list());
        int delivered = 0;
        for (var id : due) {
            if (claim(id, now) && deliver(id)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean claim(UUID id, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                                UPDATE outbox_message SET status = 'SENDING', next_attempt_at = :lease
                                WHERE id = :id AND status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                                """)
                        .bind("lease", Sql.time(now.plus(LEASE)))
                        .bind("id", id)
                        .bind("now", Sql.time(now))
                        .execute())
                == 1;
    }

    private boolean deliver(UUID id) {
        var message = jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM outbox_message WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new StoredMessage(
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
                        Sql.instant(rs, "created_at")))
                .one());
        try {
            transport.deliver(message);
        } catch (Exception e) {
            failed(message, e);
            return false;
        }
        var keep = transport.keepsMessages();
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE outbox_message SET status = :status, sent_at = :now, attempts = attempts + 1"
                                + (keep ? "" : ", text_body = NULL, html_body = NULL, attachment_body = NULL")
                                + " WHERE id = :id")
                .bind("status", keep ? "KEPT" : "SENT")
                .bind("now", Sql.time(clock.instant()))
                .bind("id", id)
                .execute());
        return true;
    }

    private void failed(StoredMessage message, Exception e) {
        int attempts = message.attempts() + 1;
        boolean giveUp = attempts >= MAX_ATTEMPTS;
        var reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn(
                "Could not deliver {} message {} (attempt {} of {}): {}",
                message.kind(),
                message.id(),
                attempts,
                MAX_ATTEMPTS,
                reason);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE outbox_message SET status = :status, attempts = :attempts, next_attempt_at = :next,
                            last_error = :error
                        WHERE id = :id
                        """)
                .bind("status", giveUp ? "FAILED" : "PENDING")
                .bind("attempts", attempts)
                .bind("next", Sql.time(clock.instant().plus(backoff(attempts))))
                .bind("error", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .bind("id", message.id())
                .execute());
    }

    /** 1, 2, 4, 8 … minutes after the attempt-th failure, at most an hour. */
    static Duration backoff(int attempts) {
        return Duration.ofMinutes(Math.min(60, 1L << Math.min(attempts - 1, 6)));
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
