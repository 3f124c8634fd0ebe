package io.stagedoor.api.live;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an event's stream is doing, as measured by the server's ingest.
 *
 * @param state whether a publisher is sending
 * @param show where the show stands: rehearsal (on sale), on air (live), ended, and by whom
 * @param lastStop why the latest publish ended; null while none has
 * @param at when this was measured
 * @param publisherSoftware what the publisher said it is, in {@code connect} ({@code flashVer}), e.g. {@code FMLE/3.0}
 * @param publisherAddress where it connects from
 * @param connectedAt when the current (or last) publish began
 * @param reconnects publishes after the first one, for this event
 * @param bitrate1s received bits per second over the last second
 * @param bitrate10s received bits per second over the last ten seconds
 * @param frameRate video frames per second over the last ten seconds
 * @param videoCodec e.g. {@code H.264 High 4.2}
 * @param audioCodec e.g. {@code AAC-LC 48000 Hz 2 ch}, null without audio
 * @param keyframeIntervalSeconds the time between the last two keyframes
 * @param audioPresent whether audio arrived in the last two seconds
 * @param avDriftMillis the latest audio timestamp minus the latest video timestamp, as they arrived
 * @param recommendedBitrate the bitrate below which an alert fires (6 Mbps)
 */
public record StreamHealth(
        UUID eventId,
        StreamState state,
        ShowState show,
        @Nullable StreamStop lastStop,
        Instant at,
        @Nullable String publisherSoftware,
        @Nullable String publisherAddress,
        @Nullable Instant connectedAt,
        int reconnects,
        long bitrate1s,
        long bitrate10s,
        double frameRate,
        int width,
        int height,
        @Nullable String videoCodec,
        @Nullable String audioCodec,
        double keyframeIntervalSeconds,
        boolean audioPresent,
        long avDriftMillis,
        long recommendedBitrate,
        List<RenditionHealth> renditions,
        int viewers,
        int peakViewers,
        List<StreamAlert> alerts) {

    public StreamHealth {
        renditions = List.copyOf(renditions);
        alerts = List.copyOf(alerts);
    }

    public boolean hasAlert(String code) {
        return alerts.stream().anyMatch(alert -> alert.code().equals(code));
    }
}
