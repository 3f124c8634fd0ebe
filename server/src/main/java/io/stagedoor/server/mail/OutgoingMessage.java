package io.stagedoor.server.mail;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail to send: a plain-text and an HTML body of the same content, and at most one attachment.
 *
 * @param kind what it is, for the outbox listing, e.g. {@code tickets}
 * @param orderId the order it concerns, if any
 */
public record OutgoingMessage(
        String kind,
        String recipient,
        String subject,
        String text,
        String html,
        @Nullable Attachment attachment,
        @Nullable UUID orderId) {

    /** A small text attachment, such as a calendar entry. */
    public record Attachment(String fileName, String contentType, String content) {}
}
