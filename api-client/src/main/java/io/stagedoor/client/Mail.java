package io.stagedoor.client;

import io.stagedoor.api.Page;
import io.stagedoor.api.mail.MailMessage;
import io.stagedoor.api.mail.MailStatus;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/** An event's outgoing e-mail, for its organiser: what failed and why, and retrying it. */
public final class Mail {

    private final Transport transport;

    Mail(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /api/v1/events/{eventId}/mail}, newest first, optionally only those in {@code status}. */
    public Page<MailMessage> list(UUID eventId, @Nullable MailStatus status, int page, int size) {
        return transport
                .call("GET", "events", eventId.toString(), "mail")
                .query("status", status)
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<MailMessage>>() {});
    }

    /**
     * {@code POST /api/v1/events/{eventId}/mail/{messageId}/retry}: a failed or waiting message is tried again now
     * (a failed one for as long again as a new message would be). One already sent or being sent is refused with 409.
     */
    public MailMessage retry(UUID eventId, UUID messageId) {
        return transport
                .call("POST", "events", eventId.toString(), "mail", messageId.toString(), "retry")
                .send(MailMessage.class);
    }
}
