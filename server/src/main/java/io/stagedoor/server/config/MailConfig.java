package io.stagedoor.server.config;

import java.util.Optional;

/**
 * @param from the sender, e.g. {@code Stagedoor <tickets@example.org>}
 * @param smtp where to deliver; empty keeps messages in the local outbox
 */
public record MailConfig(String from, Optional<SmtpConfig> smtp) {}
