package io.stagedoor.encoder.rtmp;

import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * How an RTMP connection behaves.
 *
 * @param connectTimeout for the TCP (and TLS) connection
 * @param responseTimeout how long to wait for each answer while connecting and asking to publish
 * @param chunkSize our outgoing chunk size; large chunks cost fewer header bytes per video frame
 * @param sendBufferBytes the socket's send buffer: small enough that bytes handed to the socket really are on their
 *     way (the bitrate meter counts them then), large enough for the link's bandwidth-delay product
 * @param tlsSocketFactory used for {@code rtmps://}
 */
public record RtmpOptions(
        Duration connectTimeout,
        Duration responseTimeout,
        int chunkSize,
        int sendBufferBytes,
        SSLSocketFactory tlsSocketFactory) {

    public RtmpOptions {
        if (chunkSize < 128 || chunkSize > 65536) {
            throw new IllegalArgumentException("chunkSize must be from 128 to 65536, was " + chunkSize);
        }
        if (sendBufferBytes < 8192) {
            throw new IllegalArgumentException("sendBufferBytes must be at least 8192, was " + sendBufferBytes);
        }
    }

    /** 5 s to connect, 10 s per answer, 4096-byte chunks, a 256 KiB send buffer, the JDK's trusted certificates. */
    public static RtmpOptions defaults() {
        return new RtmpOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 4096, 256 << 10, (SSLSocketFactory)
                SSLSocketFactory.getDefault());
    }

    public RtmpOptions withTlsSocketFactory(SSLSocketFactory factory) {
        return new RtmpOptions(connectTimeout, responseTimeout, chunkSize, sendBufferBytes, factory);
    }
}
