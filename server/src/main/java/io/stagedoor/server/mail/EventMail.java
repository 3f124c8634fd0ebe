package io.stagedoor.server.mail;

import io.stagedoor.api.Page;
import io.stagedoor.api.mail.MailMessage;
import io.stagedoor.api.mail.MailStatus;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.events.Events;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * An event's outgoing e-mail, for its organiser and no one else: every message about the event's orders with where
 * it stands and why it failed, and a retry for a failed one. A retry puts the message back in the queue; the worker's
 * claim keeps it from being sent twice however retries and rounds interleave.
 */
public final class EventMail {

    private static final String COLUMNS = """
            SELECT m.id, m.kind, m.order_id, o.reference, m.recipient, m.subject, m.status, m.attempts, m.last_error,
                m.next_attempt_at, m.created_at, m.sent_at
            FROM outbox_message m JOIN orders o ON o.id = m.order_id
            """;

    private final Jdbi jdbi;
    private final Clock clock;

    public EventMail(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The event's messages, newest first, optionally only those in one status. */
    public Page<MailMessage> list(Caller caller, UUID eventId, PageRequest page, @Nullable String statusFilter) {
        var status = parseStatus(statusFilter);
        var filter = status == null ? "" : " AND m.status = :status";
        return jdbi.withHandle(handle -> {
            Events.owned(handle, caller, eventId, false);
            long total = handle.createQuery("SELECT COUNT(*) FROM outbox_message m JOIN orders o ON o.id = m.order_id"
                            + " WHERE o.event_id = :event" + filter)
                    .bind("event", eventId)
                    .bind("status", status == null ? "" : status.name())
                    .mapTo(Long.class)
                    .one();
            var items = handle.createQuery(COLUMNS + " WHERE o.event_id = :event" + filter
                            + " ORDER BY m.created_at DESC, m.id LIMIT :limit OFFSET :offset")
                    .bind("event", eventId)
                    .bind("status", status == null ? "" : status.name())
                    .bind("limit", page.size())
                    .bind("offset", page.offset())
                    .map((rs, ctx) -> toApi(rs))
                    .list();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    /**
     * Tries a failed or waiting message again now. A failed one gets the whole retry period again; one that was
     * sent, kept or is being sent is refused, as retrying it could only send it twice (resending the order's tickets
     * is the way to send them again).
     */
    public MailMessage retry(Caller caller, UUID eventId, UUID messageId) {
        return jdbi.inTransaction(handle -> {
            Events.owned(handle, caller, eventId, false);
            load(handle, eventId, messageId);
            int changed = handle.createUpdate("""
                            UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now,
                                retry_until = CASE WHEN status = 'FAILED' THEN NULL ELSE retry_until END
                            WHERE id = :id AND status IN ('FAILED', 'PENDING')
                            """)
                    .bind("now", Sql.time(clock.instant()))
                    .bind("id", messageId)
                    .execute();
            if (changed == 0) {
                throw notRetryable(load(handle, eventId, messageId).status());
            }
            return load(handle, eventId, messageId);
        });
    }

    private static MailMessage load(Handle handle, UUID eventId, UUID messageId) {
        return handle.createQuery(COLUMNS + " WHERE m.id = :id AND o.event_id = :event")
                .bind("id", messageId)
                .bind("event", eventId)
                .map((rs, ctx) -> toApi(rs))
                .findOne()
                .orElseThrow(() -> new NotFoundException("There is no e-mail " + messageId + " for this event."));
    }

    private static ConflictException notRetryable(MailStatus status) {
        return switch (status) {
            case SENT, KEPT ->
                new ConflictException(
                        "mail-delivered",
                        "Already delivered",
                        "This e-mail was already " + (status == MailStatus.KEPT ? "kept in the local outbox" : "sent")
                                + ". To send the tickets again, resend the order's tickets.");
            case SENDING, PENDING, FAILED ->
                new ConflictException(
                        "mail-being-sent",
                        "Being sent",
                        "This e-mail is being handed to the mail server right now. Look again in a minute.");
        };
    }

    private static MailMessage toApi(ResultSet rs) throws SQLException {
        var status = MailStatus.valueOf(rs.getString("status"));
        return new MailMessage(
                Sql.uuid(rs, "id"),
                rs.getString("kind"),
                Sql.uuid(rs, "order_id"),
                rs.getString("reference"),
                rs.getString("recipient"),
                rs.getString("subject"),
                status,
                rs.getInt("attempts"),
                rs.getString("last_error"),
                status == MailStatus.PENDING ? Sql.instant(rs, "next_attempt_at") : null,
                Sql.instant(rs, "created_at"),
                Sql.nullableInstant(rs, "sent_at"));
    }

    private static @Nullable MailStatus parseStatus(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MailStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(
                    "status",
                    "must be one of "
                            + Arrays.stream(MailStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
