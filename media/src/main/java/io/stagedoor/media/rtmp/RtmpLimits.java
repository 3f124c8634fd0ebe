package io.stagedoor.media.rtmp;

import io.stagedoor.media.amf0.Amf0;
import java.time.Duration;

/**
 * Hard limits on what one connection may make its reader hold or wait for. Each is checked before the memory or the
 * time it guards is spent. A connection is held to the small budget of a stranger until its {@code publish} is
 * accepted, and to a publisher's after; what all connections hold together is a {@link BufferBudget}'s to bound.
 *
 * @param maxMessageBytes the largest RTMP message once the publish is accepted (a video frame at 50 Mbps is far below
 *     the default); a publishing connection holds at most twice this in messages not yet complete, across all its
 *     chunk streams ({@link #maxBufferedBytes()})
 * @param maxChunkSize the largest chunk size a peer may set
 * @param maxChunkStreams chunk streams one connection may open
 * @param publishTimeout the time from accept, handshake included, to an accepted {@code publish}; nothing the peer
 *     sends before (control messages, pings, other commands) extends it
 * @param idleTimeout once the publish is accepted, the longest time between two complete messages; a publisher that
 *     goes silent, or sends a message in dribbles that never completes it, is closed after it
 * @param maxAmfDepth nesting of AMF objects
 * @param maxAmfValues values in one AMF message
 * @param maxBytesBeforePublish until the publish is accepted: the largest message, and all unfinished messages
 *     together. {@code connect}, {@code createStream} and {@code publish} from OBS, FFmpeg, GStreamer or vMix take a
 *     few hundred bytes each.
 */
public record RtmpLimits(
        int maxMessageBytes,
        int maxChunkSize,
        int maxChunkStreams,
        Duration publishTimeout,
        Duration idleTimeout,
        int maxAmfDepth,
        int maxAmfValues,
        int maxBytesBeforePublish) {

    public static final RtmpLimits DEFAULTS = new RtmpLimits(
            8 * 1024 * 1024, 1024 * 1024, 64, Duration.ofSeconds(10), Duration.ofSeconds(30), 16, 4096, 64 * 1024);

    public RtmpLimits {
        if (maxMessageBytes < 1
                || maxChunkSize < 128
                || maxChunkStreams < 1
                || maxAmfDepth < 1
                || maxAmfValues < 1
                || maxBytesBeforePublish < 1) {
            throw new IllegalArgumentException("RTMP limits must be positive, and the chunk size at least 128: "
                    + maxMessageBytes + ", " + maxChunkSize + ", " + maxChunkStreams + ", " + maxAmfDepth + ", "
                    + maxAmfValues + ", " + maxBytesBeforePublish);
        }
        if (maxBytesBeforePublish > maxMessageBytes) {
            throw new IllegalArgumentException("A stranger may not send more (" + maxBytesBeforePublish
                    + " bytes) than a publisher (" + maxMessageBytes + ")");
        }
        if (!publishTimeout.isPositive() || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException(
                    "RTMP timeouts must be positive: " + publishTimeout + ", " + idleTimeout);
        }
    }

    /** What one AMF0 message may make a decoder do. */
    public Amf0.Limits amf0() {
        return new Amf0.Limits(maxAmfDepth, maxAmfValues);
    }

    /** Bytes one publishing connection may hold in messages it has not received completely yet. */
    public long maxBufferedBytes() {
        return 2L * maxMessageBytes;
    }

    public RtmpLimits withPublishTimeout(Duration timeout) {
        return new RtmpLimits(
                maxMessageBytes,
                maxChunkSize,
                maxChunkStreams,
                timeout,
                idleTimeout,
                maxAmfDepth,
                maxAmfValues,
                maxBytesBeforePublish);
    }

    public RtmpLimits withIdleTimeout(Duration timeout) {
        return new RtmpLimits(
                maxMessageBytes,
                maxChunkSize,
                maxChunkStreams,
                publishTimeout,
                timeout,
                maxAmfDepth,
                maxAmfValues,
                maxBytesBeforePublish);
    }
}
