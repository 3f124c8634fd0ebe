package io.stagedoor.server.ingest.rtmp;

import java.time.Duration;

/**
 * Hard limits on what one connection may make the server hold or wait for. Each is checked before the memory or the
 * time it guards is spent.
 *
 * @param maxMessageBytes the largest RTMP message (a video frame at 50 Mbps is far below the default); a connection
 *     holds at most twice this in messages not yet complete, across all its chunk streams ({@link
 *     #maxBufferedBytes()})
 * @param maxChunkSize the largest chunk size a peer may set
 * @param maxChunkStreams chunk streams one connection may open
 * @param handshakeTimeout the time allowed for the whole handshake, however the bytes trickle in
 * @param idleTimeout the longest time between two complete messages; a peer that goes silent, or sends a message in
 *     dribbles that never completes it, is closed after it
 * @param maxAmfDepth nesting of AMF objects
 * @param maxAmfValues values in one AMF message
 */
public record RtmpLimits(
        int maxMessageBytes,
        int maxChunkSize,
        int maxChunkStreams,
        Duration handshakeTimeout,
        Duration idleTimeout,
        int maxAmfDepth,
        int maxAmfValues) {

    public static final RtmpLimits DEFAULTS =
            new RtmpLimits(8 * 1024 * 1024, 1024 * 1024, 64, Duration.ofSeconds(10), Duration.ofSeconds(30), 16, 4096);

    public RtmpLimits {
        if (maxMessageBytes < 1 || maxChunkSize < 128 || maxChunkStreams < 1 || maxAmfDepth < 1 || maxAmfValues < 1) {
            throw new IllegalArgumentException("RTMP limits must be positive, and the chunk size at least 128: "
                    + maxMessageBytes + ", " + maxChunkSize + ", " + maxChunkStreams + ", " + maxAmfDepth + ", "
                    + maxAmfValues);
        }
        if (!handshakeTimeout.isPositive() || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException(
                    "RTMP timeouts must be positive: " + handshakeTimeout + ", " + idleTimeout);
        }
    }

    /** Bytes one connection may hold in messages it has not received completely yet. */
    public long maxBufferedBytes() {
        return 2L * maxMessageBytes;
    }
}
