package io.stagedoor.server.ingest;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.RenditionHealth;
import io.stagedoor.api.live.ShowState;
import io.stagedoor.api.live.StreamAlert;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.server.ingest.rtmp.Publisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event's stream while it lasts: the current publish (a newer one on the same key replaces it), the packager,
 * the health measured on the way, and the viewers counted at the playlists.
 */
final class LiveStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    static final long RECOMMENDED_BITRATE = 6_000_000;
    /** Rate control wobbles: a 6 Mbps encoder measures a little under 6 now and then over ten seconds. */
    static final double BITRATE_TOLERANCE = 0.97;

    private final UUID eventId;
    private final UUID organiserId;
    private final boolean transcoded;
    private final Clock clock;
    private final Duration segment;
    private final Packager packager;
    private final HealthTracker tracker = new HealthTracker(System::nanoTime);
    private final Map<String, Long> renditionLag = new ConcurrentHashMap<>();
    private final Map<String, StreamAlert> standingAlerts = new ConcurrentHashMap<>();
    private final Map<String, Instant> alertSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> viewers = new ConcurrentHashMap<>();
    private volatile @Nullable Publish current;
    private volatile StreamState state = StreamState.OFFLINE;
    private volatile @Nullable Instant goneAt;
    private volatile @Nullable StreamStop lastStop;
    private volatile int publishes;
    private volatile int peakViewers;
    private volatile Instant lastFrameRateSent = Instant.EPOCH;

    private final class Publish implements Publisher.Session {
        final Publisher.Client client;
        final Runnable endConnection;
        final Instant connectedAt;
        volatile boolean over;
        /** Why the server ended this publish, when it did; otherwise the publisher ended it. */
        volatile @Nullable StreamStop endedAs;

        Publish(Publisher.Client client, Runnable endConnection) {
            this.client = client;
            this.endConnection = endConnection;
            this.connectedAt = clock.instant();
        }

        @Override
        public void metadata(Map<String, Object> metadata) {
            if (metadata.get("framerate") instanceof Number rate && rate.doubleValue() > 0) {
                packager.sourceFrameRate(rate.doubleValue());
            }
        }

        @Override
        public void media(FlvTag tag) {
            if (over) {
                return;
            }
            var refused = tag.unsupportedCodec();
            if (refused != null) {
                refuseCodec(this, refused);
                return;
            }
            tracker.received(tag);
            packager.media(tag);
            var now = clock.instant();
            // The measured rate replaces the metadata's only once a few seconds of timestamps make it reliable:
            // two frames 34 ms apart would say 29.4 fps and put the rungs' keyframes one frame off the grid.
            if (Duration.between(lastFrameRateSent, now).toSeconds() >= 5 && tracker.measuredSeconds() >= 3) {
                lastFrameRateSent = now;
                packager.sourceFrameRate(snapped(tracker.frameRate()));
            }
        }

        @Override
        public void ended(String why) {
            end(StreamStop.CONNECTION_LOST, why);
        }

        @Override
        public void stopped(String why) {
            end(StreamStop.PUBLISHER_STOPPED, why);
        }

        private void end(StreamStop how, String why) {
            over = true;
            if (current == this) {
                packager.publisherEnded();
                state = StreamState.DISCONNECTED;
                goneAt = clock.instant();
                var stop = endedAs != null ? endedAs : how;
                lastStop = stop;
                log.info("Event {}: the publisher is gone ({}: {})", eventId, stop, why);
            }
        }
    }

    /** A measured frame rate within 0.05 of a whole number is that number. */
    static double snapped(double measured) {
        long whole = Math.round(measured);
        return Math.abs(measured - whole) < 0.05 ? whole : Math.round(measured * 100) / 100.0;
    }

    /**
     * @param organiserId whose event it is: the organiser's streams share a budget of transcodes
     * @param transcoded whether its ladder is transcoded (otherwise viewers get the source only)
     */
    LiveStream(
            UUID eventId,
            UUID organiserId,
            boolean transcoded,
            Packager.Factory packagers,
            Clock clock,
            Duration segment) {
        this.eventId = eventId;
        this.organiserId = organiserId;
        this.transcoded = transcoded;
        this.clock = clock;
        this.segment = segment;
        this.packager = packagers.create(eventId, new Packager.Listener() {
            @Override
            public void segmentReady(String rendition, Duration lag) {
                renditionLag.put(rendition, lag.toMillis());
            }

            @Override
            public void rungDropped(String rung, String why) {
                raise(
                        "transcoder-slow",
                        "warning",
                        why + ": " + rung + " is no longer offered to viewers. Lower the"
                                + " ladder (ingest.ladder) or give the server more CPU.");
            }

            @Override
            public void restarted(String why) {
                log.info("Event {}: packager restarted ({})", eventId, why);
            }

            @Override
            public void restartsBackingOff(String why) {
                raise("packager-restarts", "warning", why);
            }

            @Override
            public void restartsSettled() {
                standingAlerts.remove("packager-restarts");
            }
        });
    }

    UUID eventId() {
        return eventId;
    }

    StreamState state() {
        return state;
    }

    @Nullable Instant goneAt() {
        return goneAt;
    }

    Packager packager() {
        return packager;
    }

    /** A publish was accepted: it replaces any earlier one. */
    synchronized Publisher.Session begin(Publisher.Client client, Runnable endConnection) {
        var previous = current;
        var publish = new Publish(client, endConnection);
        current = publish;
        if (previous != null) {
            if (!previous.over) {
                lastStop = StreamStop.REPLACED;
            }
            previous.endedAs = StreamStop.REPLACED;
            previous.over = true;
            previous.endConnection.run();
        }
        if (publishes++ > 0) {
            packager.publisherBreak();
        }
        tracker.reset();
        standingAlerts.remove("codec-refused");
        state = StreamState.LIVE;
        goneAt = null;
        return publish;
    }

    private void refuseCodec(Publish publish, String why) {
        log.warn("Event {}: publish from {} refused: {}", eventId, publish.client.address(), why);
        raise("codec-refused", "error", "The publisher sends " + why + ".");
        publish.endedAs = StreamStop.REFUSED;
        publish.over = true;
        publish.endConnection.run();
    }

    /** Ends the current publish, e.g. because its stream key was replaced ({@code stop} says why, for the health). */
    synchronized void disconnect(StreamStop stop, String why) {
        var publish = current;
        if (publish != null && !publish.over) {
            log.info("Event {}: disconnecting the publisher: {}", eventId, why);
            publish.endedAs = stop;
            publish.end(stop, why);
            publish.endConnection.run();
        }
    }

    /** The show's showtime as the ingest knows it: on air since {@code onAirAt}, or (null) a rehearsal. */
    void showtime(@Nullable Instant onAirAt) {
        packager.recordFrom(onAirAt);
    }

    /** Raises (or keeps) an alert that stands until it is {@linkplain #clear cleared}. */
    void raise(String code, String severity, String message) {
        var since = standingAlerts.containsKey(code) ? standingAlerts.get(code).since() : clock.instant();
        standingAlerts.put(code, new StreamAlert(code, severity, message, since));
    }

    void clear(String code) {
        standingAlerts.remove(code);
    }

    UUID organiserId() {
        return organiserId;
    }

    /** Whether its ladder is transcoded, as opposed to the source alone. */
    boolean transcoded() {
        return transcoded;
    }

    /** Bytes its renditions' segments take on disk now. */
    long diskBytes() {
        return packager.timelines().values().stream()
                .mapToLong(SegmentTimeline::bytesOnDisk)
                .sum();
    }

    /** Someone fetched a live playlist; {@code viewer} identifies them (a ticket, an organiser). */
    void sawViewer(String viewer) {
        viewers.put(viewer, clock.instant());
    }

    /** The stream's health now, with where the show stands. */
    StreamHealth health(ShowState show) {
        boolean eventEnded = show.status() == EventStatus.ENDED || show.status() == EventStatus.CANCELLED;
        var now = clock.instant();
        viewers.values().removeIf(seen -> Duration.between(seen, now).toSeconds() > 30);
        int watching = viewers.size();
        peakViewers = Math.max(peakViewers, watching);
        var publish = current;
        var shownState = eventEnded ? StreamState.ENDED : state;
        boolean live = shownState == StreamState.LIVE;
        var renditions = new ArrayList<RenditionHealth>();
        for (var rendition : packager.renditions()) {
            var timeline = packager.timelines().get(rendition.name());
            long bitrate = rendition.name().equals(Packager.SOURCE) ? tracker.bitrate(10) : rendition.bandwidth();
            renditions.add(new RenditionHealth(
                    rendition.name(),
                    rendition.width(),
                    rendition.height(),
                    bitrate,
                    renditionLag.getOrDefault(rendition.name(), 0L),
                    timeline == null ? 0 : timeline.segmentsWritten()));
        }
        var alerts = alerts(live, show, publish, now);
        var avc = packager.avc();
        var aac = packager.aac();
        return new StreamHealth(
                eventId,
                shownState,
                show,
                lastStop,
                now,
                publish != null ? publish.client.flashVer() : null,
                publish != null ? publish.client.address().replaceFirst("^/", "") : null,
                publish != null ? publish.connectedAt : null,
                Math.max(0, publishes - 1),
                live ? tracker.bitrate(1) : 0,
                live ? tracker.bitrate(10) : 0,
                live ? Math.round(tracker.frameRate() * 100) / 100.0 : 0,
                avc != null ? avc.width() : 0,
                avc != null ? avc.height() : 0,
                avc != null ? avc.describe() : null,
                aac != null ? aac.describe() : null,
                tracker.keyframeIntervalSeconds(),
                live && tracker.audioPresent(),
                tracker.avDriftMillis(),
                RECOMMENDED_BITRATE,
                renditions,
                watching,
                peakViewers,
                alerts);
    }

    private List<StreamAlert> alerts(boolean live, ShowState show, @Nullable Publish publish, Instant now) {
        var raised = new LinkedHashMap<String, String[]>();
        if (live && publish != null && tracker.measuredSeconds() >= 10) {
            long bitrate = tracker.bitrate(10);
            if (bitrate < RECOMMENDED_BITRATE * BITRATE_TOLERANCE) {
                raised.put("below-recommended-bitrate", new String[] {
                    "warning",
                    String.format(
                            java.util.Locale.ROOT,
                            "The stream arrives at %.1f Mbps, below the recommended %d Mbps: raise the encoder's"
                                    + " bitrate, or check the upload.",
                            bitrate / 1e6,
                            RECOMMENDED_BITRATE / 1_000_000)
                });
            }
        }
        double keyframes = tracker.keyframeIntervalSeconds();
        double segmentSeconds = segment.toMillis() / 1000.0;
        if (live && keyframes > 0) {
            double ratio = segmentSeconds / keyframes;
            if (keyframes > segmentSeconds + 0.05 || Math.abs(ratio - Math.round(ratio)) > 0.05) {
                raised.put("keyframe-interval", new String[] {
                    "warning",
                    String.format(
                            java.util.Locale.ROOT,
                            "Keyframes arrive every %.2f s, which does not divide the %.0f s segments: set the"
                                    + " encoder's keyframe interval to %.0f s.",
                            keyframes,
                            segmentSeconds,
                            segmentSeconds)
                });
            }
        }
        if (state == StreamState.DISCONNECTED && goneAt != null) {
            raised.put("publisher-disconnected", new String[] {
                "error",
                show.onAir()
                        ? "The publisher disconnected; viewers see the stream stop until it comes back."
                        : "The publisher disconnected. The show has not started: ticket holders are not affected."
            });
        }
        var list = new ArrayList<StreamAlert>();
        for (var entry : raised.entrySet()) {
            var since = alertSince.computeIfAbsent(entry.getKey(), code -> now);
            list.add(new StreamAlert(entry.getKey(), entry.getValue()[0], entry.getValue()[1], since));
        }
        alertSince.keySet().retainAll(raised.keySet());
        list.addAll(standingAlerts.values());
        return list;
    }

    /** Ends the publish, if any, with {@code stop}, and the packager. */
    void close(StreamStop stop, String why) {
        disconnect(stop, why);
        packager.close();
    }

    @Override
    public void close() {
        close(StreamStop.REFUSED, "the server is stopping");
    }
}
