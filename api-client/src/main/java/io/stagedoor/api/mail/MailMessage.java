package io.stagedoor.api.mail;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One e-mail of an event, as its organiser sees it (without its body, which holds the buyer's ticket links).
 *
 * @param kind what it is, e.g. {@code tickets}
 * @param orderId the order it is about
 * @param orderReference that order's reference, e.g. {@code ORD-7KQ2X9}
 * @param attempts how many times it was handed to the mail server
 * @param lastError why the last attempt failed, in words; {@code null} when none failed since it was last retried
 * @param nextAttemptAt when it is tried next, while {@link MailStatus#PENDING}; otherwise {@code null}
 * @param sentAt when the mail server accepted it (or the local outbox kept it)
 */
public record MailMessage(
        UUID id,
        String kind,
        UUID orderId,
        String orderReference,
        String recipient,
        String subject,
        MailStatus status,
        int attempts,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt,
        Instant createdAt,
        @Nullable Instant sentAt) {}
