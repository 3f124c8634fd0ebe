package io.stagedoor.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Live ingest and HLS packaging.
 *
 * @param enabled whether the server accepts publishers at all
 * @param host the interface the RTMP listeners bind to
 * @param port RTMP; 0 picks a free port
 * @param rtmps RTMPS, when a certificate is configured
 * @param publicHost the host name publishers are told to use; empty: the public URL's host, else this machine's
 * @param maxPublishers connections whose publish was accepted (a valid stream key), at once, across RTMP and RTMPS
 * @param maxPendingConnections connections that have not published yet, at once; a newer one evicts the oldest
 * @param maxPendingPerAddress the same from one address (IPv4) or /64 network (IPv6); a newer one evicts the oldest
 *     from there
 * @param publishDeadline the time from accept to an accepted publish, handshake included
 * @param maxBufferedBytes what all connections may hold together in messages not yet received completely
 * @param segment target segment length
 * @param liveWindowSegments segments in the live playlist
 * @param dvrWindow how far back viewers can start over while live
 * @param ladder transcoded renditions, besides the source that is passed through
 * @param keepRecording keep every segment for replay after the event; otherwise segments older than the DVR window
 *     are deleted
 * @param endAfter an event that is live with no publisher for this long is ended
 * @param ffmpeg the ffmpeg executable packagers run; empty: the one inside JavaCV's FFmpeg
 * @param metricsToken the bearer token that opens {@code /metrics} to other machines; empty: this machine only
 * @param budgets what streams may take of the machine: disk and transcodes
 */
public record IngestConfig(
        boolean enabled,
        String host,
        int port,
        Optional<Rtmps> rtmps,
        String publicHost,
        int maxPublishers,
        int maxPendingConnections,
        int maxPendingPerAddress,
        Duration publishDeadline,
        long maxBufferedBytes,
        Duration segment,
        int liveWindowSegments,
        Duration dvrWindow,
        List<Rung> ladder,
        boolean keepRecording,
        Duration endAfter,
        Optional<Path> ffmpeg,
        String metricsToken,
        Budgets budgets) {

    public IngestConfig {
        ladder = List.copyOf(ladder);
    }

    /**
     * What streams may take of the machine, so that no publisher (a forgotten encoder, an abuser with a stream key)
     * can fill the disk the database lives on or take every core.
     *
     * @param eventDiskBytes the most one event's recording may take on disk: a warning from 90 %, and at 100 % the
     *     publish ends and further ones are refused
     * @param diskReserveBytes free space always kept on the data directory's disk, for the database: a warning below
     *     twice this, and below it every publish ends and new ones are refused
     * @param transcodesPerOrganiser streams of one organiser transcoded into the ladder at once; further ones are
     *     offered to viewers at the source's quality only
     */
    public record Budgets(long eventDiskBytes, long diskReserveBytes, int transcodesPerOrganiser) {}

    /** RTMPS: a PKCS#12 key store with the certificate and its key. */
    public record Rtmps(int port, Path keyStore, String password) {}

    /**
     * A transcoded rendition.
     *
     * @param height lines; the width follows the source's aspect ratio
     * @param frameRate at most this many frames per second
     * @param bitrate video bits per second
     */
    public record Rung(int height, int frameRate, long bitrate) {

        public String name() {
            return height + "p" + frameRate;
        }

        /** {@code 720p30:3000k}. */
        static Rung parse(String text) {
            var m = java.util.regex.Pattern.compile("(\\d{2,4})p(\\d{1,3}):(\\d{2,6})k")
                    .matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "\"" + text + "\" is not a rung: write height, frame rate and bitrate like 720p30:3000k");
            }
            int height = Integer.parseInt(m.group(1));
            int rate = Integer.parseInt(m.group(2));
            long kbps = Long.parseLong(m.group(3));
            if (height < 90 || height > 4320 || height % 2 != 0 || rate < 1 || rate > 120 || kbps < 50) {
                throw new IllegalArgumentException("\"" + text + "\" is out of range: an even height of 90 to 4320,"
                        + " 1 to 120 frames per second and at least 50k");
            }
            return new Rung(height, rate, kbps * 1000);
        }
    }

    public IngestConfig withPort(int newPort) {
        return new IngestConfig(
                enabled,
                host,
                newPort,
                rtmps,
                publicHost,
                maxPublishers,
                maxPendingConnections,
                maxPendingPerAddress,
                publishDeadline,
                maxBufferedBytes,
                segment,
                liveWindowSegments,
                dvrWindow,
                ladder,
                keepRecording,
                endAfter,
                ffmpeg,
                metricsToken,
                budgets);
    }

    /** The same settings with another ladder. */
    public IngestConfig withLadder(List<Rung> newLadder) {
        return new IngestConfig(
                enabled,
                host,
                port,
                rtmps,
                publicHost,
                maxPublishers,
                maxPendingConnections,
                maxPendingPerAddress,
                publishDeadline,
                maxBufferedBytes,
                segment,
                liveWindowSegments,
                dvrWindow,
                newLadder,
                keepRecording,
                endAfter,
                ffmpeg,
                metricsToken,
                budgets);
    }
}
