package io.stagedoor.server.mail;

import io.stagedoor.server.db.Sql;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes e-mail into the outbox table inside the caller's transaction, so that a message exists exactly when
 * what it announces was committed (a payment, a refund). {@link OutboxWorker} delivers it.
 */
public final class Outbox {

    private Outbox() {}

    public static UUID enqueue(Handle handle, OutgoingMessage message, Instant now) {
        var id = UUID.randomUUID();
        var attachment = message.attachment();
        var insert = handle.createUpdate("""
                        INSERT INTO outbox_message (id, kind, recipient, subject, text_body, html_body,
                            attachment_name, attachment_type, attachment_body, status, next_attempt_at, order_id,
                            created_at)
                        VALUES (:id, :kind, :recipient, :subject, :text, :html, :attachmentName, :attachmentType,
                            :attachmentBody, 'PENDING', :now, :order, :now)
                        """)
                .bind("id", id)
                .bind("kind", message.kind())
                .bind("recipient", message.recipient())
                .bind("subject", message.subject())
                .bind("text", message.text())
                .bind("html", message.html())
                .bind("attachmentName", attachment == null ? null : attachment.fileName())
                .bind("attachmentType", attachment == null ? null : attachment.contentType())
                .bind("attachmentBody", attachment == null ? null : attachment.content())
                .bind("now", Sql.time(now));
        Sql.bindUuid(insert, "order", message.orderId()).execute();
        return id;
    }
}
