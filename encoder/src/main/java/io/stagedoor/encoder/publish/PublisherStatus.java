package io.stagedoor.encoder.publish;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The publisher's connection, at one instant.
 *
 * @param connected whether a connection is up and publishing
 * @param reconnectAttempts attempts made in the current outage (0 while connected)
 * @param nextAttemptAt when the next reconnection attempt starts; {@code null} while connected
 * @param outages connections lost since the start
 * @param outageSince when the current outage began; {@code null} while connected
 * @param totalOutage time spent without a connection, ended outages only
 * @param lastError why the last connection or attempt failed; {@code null} if none did
 */
public record PublisherStatus(
        boolean connected,
        int reconnectAttempts,
        @Nullable Instant nextAttemptAt,
        int outages,
        @Nullable Instant outageSince,
        Duration totalOutage,
        @Nullable String lastError) {}
