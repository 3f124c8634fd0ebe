package io.stagedoor.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * @param from the sender, e.g. {@code Stagedoor <tickets@example.org>}
 * @param smtp where to deliver; empty keeps messages in the local outbox
 * @param retryMaxInterval the longest wait between two attempts at a message that could not be delivered
 * @param giveUpAfter how long after its first failed attempt a message is still retried before it is marked failed
 */
public record MailConfig(String from, Optional<SmtpConfig> smtp, Duration retryMaxInterval, Duration giveUpAfter) {}
