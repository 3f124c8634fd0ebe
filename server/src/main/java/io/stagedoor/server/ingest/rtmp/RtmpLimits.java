package io.stagedoor.server.ingest.rtmp;

import java.time.Duration;

/**
 * Hard limits on what one connection may make the server hold or wait for.
 *
 * @param maxMessageBytes the largest RTMP message (a video frame at 50 Mbps is far below the default)
 * @param maxChunkSize the largest chunk size a peer may set
 * @param maxChunkStreams chunk streams one connection may open
 * @param handshakeTimeout the time allowed for the handshake
 * @param idleTimeout the time a connection may stay silent
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
}
