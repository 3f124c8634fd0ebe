package io.stagedoor.encoder;

import io.stagedoor.encoder.meter.BitrateReading;
import io.stagedoor.encoder.publish.DroppedFrames;
import io.stagedoor.encoder.publish.PublisherStatus;
import io.stagedoor.encoder.record.RecordingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Everything a broadcast measures, at one instant.
 *
 * @param videoEncoder the encoder in use and why better ones were not used
 * @param encodeFps pictures encoded over the last second
 * @param droppedCapture pictures repeated because the source sent no new one in time
 * @param droppedEncoder pictures skipped because the encoder fell behind real time
 * @param droppedNetwork media the send queue gave up because the network was too slow or down
 * @param encoderLagMillis how late the last picture was finished after its due time
 * @param sendBufferMillis milliseconds of media waiting to be sent
 * @param bitrate what really left the machine; {@code null} when not streaming
 * @param configuredKbps the video bitrate asked for
 * @param belowRecommendedOverride the stream was started below the recommended minimum on purpose
 * @param connection the connection's state; {@code null} when not streaming
 * @param recordingProblem why the recording stopped, if it did
 * @param recording the recording under way; {@code null} when none
 */
public record BroadcastStats(
        Instant at,
        BroadcastState state,
        Duration elapsed,
        String videoSource,
        @Nullable String sourceProblem,
        String videoEncoder,
        double encodeFps,
        long framesEncoded,
        long droppedCapture,
        long droppedEncoder,
        DroppedFrames droppedNetwork,
        long encoderLagMillis,
        long sendBufferMillis,
        @Nullable BitrateReading bitrate,
        int configuredKbps,
        boolean belowRecommendedOverride,
        @Nullable PublisherStatus connection,
        @Nullable String recordingProblem,
        @Nullable RecordingStatus recording) {

    /** One line for a terminal, e.g. the CLI's once-a-second output. */
    public String line() {
        var b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%6.1fs %-12s %5.1f fps", elapsed.toMillis() / 1000.0, state, encodeFps));
        if (bitrate != null) {
            b.append(String.format(
                    Locale.ROOT,
                    " | sent %6.0f kbps (10s %6.0f) %s",
                    bitrate.lastSecondKbps(),
                    bitrate.lastTenSecondsKbps(),
                    bitrate.state()));
            b.append(String.format(Locale.ROOT, " | queue %4d ms", sendBufferMillis));
        }
        b.append(String.format(
                Locale.ROOT,
                " | dropped capture %d, encoder %d, network %d",
                droppedCapture,
                droppedEncoder,
                droppedNetwork.video()));
        b.append(String.format(Locale.ROOT, " | lag %d ms", encoderLagMillis));
        if (connection != null) {
            if (connection.outages() > 0) {
                b.append(String.format(
                        Locale.ROOT,
                        " | outages %d (%.1f s)",
                        connection.outages(),
                        connection.totalOutage().toMillis() / 1000.0));
            }
            var next = connection.nextAttemptAt();
            if (!connection.connected() && next != null) {
                long inMillis = Math.max(0, Duration.between(at, next).toMillis());
                b.append(String.format(
                        Locale.ROOT,
                        " | reconnect attempt %d in %.1f s",
                        connection.reconnectAttempts(),
                        inMillis / 1000.0));
            }
        }
        if (belowRecommendedOverride) {
            b.append(" | below ").append(configuredKbps).append(" kbps by override");
        }
        if (sourceProblem != null) {
            b.append(" | source: ").append(sourceProblem);
        }
        if (recordingProblem != null) {
            b.append(" | recording: ").append(recordingProblem);
        }
        return b.toString();
    }
}
