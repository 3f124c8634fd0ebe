package io.stagedoor.encoder.preflight;

/**
 * What the companion server measured of a pre-flight upload.
 *
 * @param bytes bytes the server received
 * @param seconds how long it took to receive them, by the server's clock
 * @param mbps megabits (10^6 bits) per second received
 * @param requiredMbps the rate the stream needs with headroom: the recommended bitrate × 1.5
 */
public record UploadTestResult(long bytes, double seconds, double mbps, double requiredMbps) {

    /** Whether the upload has room for the recommended bitrate with 50 % to spare. */
    public boolean safe() {
        return mbps >= requiredMbps;
    }
}
