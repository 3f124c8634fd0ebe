package io.stagedoor.server.mail;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A message in the outbox, as a transport delivers it. */
public record StoredMessage(
        UUID id,
        String kind,
        String recipient,
        String subject,
        String text,
        String html,
        OutgoingMessage.@Nullable Attachment attachment,
        int attempts,
        Instant createdAt) {}
