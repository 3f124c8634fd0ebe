package io.stagedoor.server.ingest;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.ShowState;
import io.stagedoor.api.live.StreamEndpoint;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.config.IngestConfig;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.events.EventRow;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.ingest.rtmp.Admission;
import io.stagedoor.server.ingest.rtmp.Publisher;
import io.stagedoor.server.ingest.rtmp.RtmpServer;
import io.stagedoor.server.secrets.ServerSecret;
import io.stagedoor.server.signals.Signal;
import io.stagedoor.server.signals.Signals;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live ingest: decides on each publish (by stream key and event status), keeps one {@link LiveStream} per event, and
 * follows each event's showtime: a stream published while the event is on sale is a rehearsal (packaged and shown to
 * the organiser, not recorded for the replay); once the event is on air it is recorded; when the show ends, the
 * stream is closed. A show on air whose publisher has been gone for {@code ingest.end-after-minutes} ends by itself
 * only once its scheduled end has passed. Runs the RTMP (and RTMPS) listeners.
 */
public final class IngestService implements Publisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    static final Duration PREVIEW_VALIDITY = Duration.ofHours(12);
    private static final long MIB = 1024L * 1024;

    private final Jdbi jdbi;
    private final Clock clock;
    private final IngestConfig config;
    private final EventService events;
    private final PublicUrl publicUrl;
    private final StreamKeys keys;
    private final PlaybackTokens tokens;
    private final Path dataDir;
    private final Path streamsDir;
    private final Path ffmpeg;
    /** Events whose recording has used up its disk budget: they take no publish until the server restarts. */
    private final Set<UUID> overBudget = ConcurrentHashMap.newKeySet();
    /** Free space on the data directory's disk at the last look, in bytes. */
    private volatile long freeBytes = Long.MAX_VALUE;

    private final Map<UUID, LiveStream> streams = new ConcurrentHashMap<>();
    private final List<RtmpServer> listeners = new ArrayList<>();
    private final ScheduledExecutorService housekeeping;
    private final Signals signals;
    private final java.time.Instant startedAt;
    private @Nullable AutoCloseable eventChanges;
    private @Nullable RtmpServer rtmp;
    private @Nullable RtmpServer rtmps;
    private @Nullable Admission admission;

    public IngestService(
            Jdbi jdbi,
            Clock clock,
            IngestConfig config,
            EventService events,
            Signals signals,
            ServerSecret secret,
            PublicUrl publicUrl,
            Path dataDir) {
        this.jdbi = jdbi;
        this.signals = signals;
        this.startedAt = clock.instant();
        this.clock = clock;
        this.config = config;
        this.events = events;
        this.publicUrl = publicUrl;
        this.keys = new StreamKeys(jdbi, clock, secret);
        this.tokens = new PlaybackTokens(secret, clock, keys::linksVersion);
        this.dataDir = dataDir;
        this.streamsDir = dataDir.resolve("streams");
        var ffmpeg = config.ffmpeg().orElseGet(FfmpegProgram::bundled);
        this.ffmpeg = ffmpeg;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ingest-housekeeping").daemon().factory());
    }

    /** Opens the RTMP listeners. */
    public void start() {
        if (!config.enabled()) {
            log.info("Live ingest is turned off (ingest.enabled=false)");
            return;
        }
        // One admission for both listeners: the caps and the memory budget hold for RTMP and RTMPS together.
        admission = new Admission(
                config.maxPublishers(),
                config.maxPendingConnections(),
                config.maxPendingPerAddress(),
                config.maxBufferedBytes());
        var limits = RtmpLimits.DEFAULTS.withPublishTimeout(config.publishDeadline());
        try {
            rtmp = RtmpServer.start(
                    ServerSocketFactory.getDefault(), config.host(), config.port(), limits, this, admission);
            listeners.add(rtmp);
            if (config.rtmps().isPresent()) {
                var settings = config.rtmps().get();
                rtmps = RtmpServer.start(tlsSockets(settings), config.host(), settings.port(), limits, this, admission);
                listeners.add(rtmps);
            }
        } catch (IOException e) {
            close();
            throw new IngestUnavailableException(
                    "Cannot listen for publishers on " + config.host() + ":" + config.port() + " (" + e.getMessage()
                            + "). Choose another port with --ingest.port or STAGEDOOR_INGEST_PORT, or turn ingest"
                            + " off with --ingest.enabled=false.",
                    e);
        }
        freeBytes = measureFreeBytes();
        housekeeping.scheduleWithFixedDelay(this::housekeep, 2, 2, TimeUnit.SECONDS);
        eventChanges = signals.listen(Signal.EVENT_CHANGED, this::eventChanged);
        log.info(
                "Accepting publishers at rtmp://{}:{}/live{}",
                config.host(),
                rtmp.port(),
                rtmps != null ? " and rtmps://" + config.host() + ":" + rtmps.port() + "/live" : "");
    }

    private static ServerSocketFactory tlsSockets(IngestConfig.Rtmps settings) {
        try (InputStream in = Files.newInputStream(settings.keyStore())) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, settings.password().toCharArray());
            var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, settings.password().toCharArray());
            var context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context.getServerSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IngestUnavailableException(
                    "Cannot use " + settings.keyStore() + " for RTMPS (" + e.getMessage() + "). Give a PKCS#12 file"
                            + " with the certificate and its private key, and its password.",
                    e);
        }
    }

    /** The RTMP port, the real one when the configured port was 0. */
    public OptionalLong rtmpPort() {
        return rtmp == null ? OptionalLong.empty() : OptionalLong.of(rtmp.port());
    }

    public OptionalLong rtmpsPort() {
        return rtmps == null ? OptionalLong.empty() : OptionalLong.of(rtmps.port());
    }

    /** Who the RTMP listeners hold now; empty while ingest is off. */
    Optional<Admission> admission() {
        return Optional.ofNullable(admission);
    }

    // ---- publishing

    @Override
    public Session start(Client client, String streamKey, Runnable endConnection) throws Refused {
        var eventId = keys.eventOf(streamKey);
        if (eventId.isEmpty()) {
            log.info("Publish from {} refused: unknown stream key", client.address());
            throw new Refused(
                    "NetStream.Publish.BadName",
                    "Unknown stream key: copy the key shown for the event (it changes when it is replaced).");
        }
        var id = eventId.get();
        var event = events.row(id).orElseThrow(() -> new Refused("NetStream.Publish.BadName", "No such event."));
        var refusal = refusal(event.status());
        if (refusal != null) {
            log.info("Publish from {} for event {} refused: the event is {}", client.address(), id, event.status());
            throw new Refused("NetStream.Publish.Rejected", refusal);
        }
        var full = diskFull();
        if (full != null) {
            log.warn("Publish from {} for event {} refused: {}", client.address(), id, full);
            throw new Refused("NetStream.Publish.Rejected", full);
        }
        if (overBudget.contains(id)) {
            log.warn(
                    "Publish from {} for event {} refused: its recording used up its disk budget",
                    client.address(),
                    id);
            throw new Refused("NetStream.Publish.Rejected", budgetUsedUp());
        }
        var stream = streams.computeIfAbsent(id, unused -> newStream(event));
        stream.showtime(event.status() == EventStatus.LIVE ? event.onAirAt() : null);
        var session = stream.begin(client, endConnection);
        log.info(
                "Event {}: publishing from {} ({}){}",
                id,
                client.address(),
                client.flashVer(),
                event.status() == EventStatus.LIVE ? ", on air" : ", a rehearsal until the show starts");
        return session;
    }

    /** Why an event in {@code status} takes no publish, as the publisher's {@code onStatus} says it; null if it does. */
    static @Nullable String refusal(EventStatus status) {
        return switch (status) {
            case DRAFT ->
                "The event is a draft: publish it (put it on sale) first. Until you start the show, what you send is"
                        + " a rehearsal only you can see.";
            case ENDED -> "The show has ended: reopen the event to broadcast again.";
            case CANCELLED -> "The event was cancelled: it cannot be broadcast.";
            case ON_SALE, LIVE -> null;
        };
    }

    /**
     * A stream for the event, transcoded into the ladder unless its organiser has as many transcoded streams as
     * {@code ingest.max-transcodes-per-organiser} already; then viewers get the source alone, and its health says why.
     */
    private LiveStream newStream(EventRow event) {
        var budgets = config.budgets();
        long transcoding = streams.values().stream()
                .filter(other -> other.organiserId().equals(event.organiserId()) && other.transcoded())
                .count();
        boolean transcode = !config.ladder().isEmpty() && transcoding < budgets.transcodesPerOrganiser();
        var settings = transcode ? config : config.withLadder(List.of());
        Packager.Factory packagers = (eventId, listener) ->
                new Packager(eventId.toString(), directory(eventId), ffmpeg, settings, clock, listener);
        var stream = new LiveStream(event.id(), event.organiserId(), transcode, packagers, clock, config.segment());
        if (!transcode && !config.ladder().isEmpty()) {
            stream.raise(
                    "transcodes-capped",
                    "warning",
                    "Viewers get the source's quality only: this organiser has " + transcoding
                            + " stream(s) transcoded at once already, as many as the server allows"
                            + " (ingest.max-transcodes-per-organiser).");
        }
        return stream;
    }

    /** Why no publish can be taken for lack of disk, or null when there is room. */
    private @Nullable String diskFull() {
        long reserve = config.budgets().diskReserveBytes();
        if (freeBytes >= reserve) {
            return null;
        }
        return "The server's disk is almost full (" + freeBytes / MIB + " MiB free; " + reserve / MIB
                + " MiB are kept for its database): no stream can be recorded. Ask the server's administrator to free"
                + " space.";
    }

    private String budgetUsedUp() {
        return "This event's recording has used up its disk budget of "
                + config.budgets().eventDiskBytes() / MIB
                + " MiB (ingest.event-disk-budget-mib): no more can be broadcast to it. Ask the server's administrator.";
    }

    /**
     * Keeps every stream within its event's disk budget and the whole ingest within the disk's reserve: warnings
     * first, then the publish ends.
     */
    private void enforceBudgets() {
        freeBytes = measureFreeBytes();
        var full = diskFull();
        long reserve = config.budgets().diskReserveBytes();
        long budget = config.budgets().eventDiskBytes();
        for (var stream : streams.values()) {
            if (full != null) {
                stream.raise("disk-full", "error", full);
                stream.disconnect(StreamStop.REFUSED, "the disk is almost full");
            } else if (freeBytes < 2 * reserve) {
                stream.clear("disk-full");
                stream.raise(
                        "disk-low",
                        "warning",
                        "The server's disk is getting full (" + freeBytes / MIB + " MiB free): below " + reserve / MIB
                                + " MiB every stream stops. Ask the server's administrator to free space.");
            } else {
                stream.clear("disk-full");
                stream.clear("disk-low");
            }
            long used = stream.diskBytes();
            if (used >= budget) {
                if (overBudget.add(stream.eventId())) {
                    log.warn("Event {}: its recording used up its disk budget ({} MiB)", stream.eventId(), used / MIB);
                }
                stream.raise("disk-budget", "error", budgetUsedUp());
                stream.disconnect(StreamStop.REFUSED, "the event's disk budget is used up");
            } else if (used >= budget / 10 * 9) {
                stream.raise(
                        "disk-budget",
                        "warning",
                        "This event's recording has used " + used / MIB + " of its " + budget / MIB
                                + " MiB (ingest.event-disk-budget-mib): at the limit, the stream stops.");
            } else {
                stream.clear("disk-budget");
            }
        }
    }

    private long measureFreeBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            log.warn("Cannot read the free space of {}: {}", dataDir, e.toString());
            return Long.MAX_VALUE;
        }
    }

    private Path directory(UUID eventId) {
        var dir = streamsDir.resolve(eventId.toString());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir;
    }

    /** An event's status changed: its stream follows at once rather than at the next housekeeping. */
    private void eventChanged(UUID eventId) {
        var stream = streams.get(eventId);
        if (stream != null) {
            housekeeping.execute(() -> follow(stream));
        }
    }

    /**
     * Brings every stream in line with its event's showtime, ends shows whose publisher has been gone too long after
     * their scheduled end, and closes rehearsals whose publisher has been gone as long.
     */
    private void housekeep() {
        try {
            for (var stream : streams.values()) {
                follow(stream);
            }
            enforceBudgets();
            endShowsWithoutStream();
        } catch (RuntimeException e) {
            log.error("Ingest housekeeping failed", e);
        }
    }

    private void follow(LiveStream stream) {
        var event = events.row(stream.eventId()).orElse(null);
        if (event == null) {
            finish(stream, StreamStop.REFUSED, "the event no longer exists", false);
            return;
        }
        switch (event.status()) {
            case ENDED -> finish(stream, StreamStop.SHOW_ENDED, "the show has ended", event.onAirAt() != null);
            case CANCELLED -> finish(stream, StreamStop.SHOW_ENDED, "the event was cancelled", event.onAirAt() != null);
            case DRAFT -> finish(stream, StreamStop.REFUSED, "the event is a draft", false);
            case LIVE -> {
                stream.showtime(event.onAirAt());
                if (goneTooLong(stream) && events.endAbandonedShow(stream.eventId())) {
                    finish(
                            stream,
                            StreamStop.CONNECTION_LOST,
                            "the publisher has been gone for "
                                    + config.endAfter().toMinutes() + " min after the scheduled end",
                            true);
                }
            }
            case ON_SALE -> {
                stream.showtime(null);
                if (goneTooLong(stream)) {
                    finish(
                            stream,
                            StreamStop.CONNECTION_LOST,
                            "the rehearsal's publisher has been gone for "
                                    + config.endAfter().toMinutes() + " min",
                            false);
                }
            }
        }
    }

    private boolean goneTooLong(LiveStream stream) {
        var gone = stream.goneAt();
        return stream.state() == StreamState.DISCONNECTED
                && gone != null
                && Duration.between(gone, clock.instant()).compareTo(config.endAfter()) >= 0;
    }

    /**
     * Shows on air with no stream here (the publisher never came, or the server restarted) end like abandoned ones:
     * once the scheduled end has passed and no publisher has come for {@code end-after} (counted from this server's
     * start when it knows no better).
     */
    private void endShowsWithoutStream() {
        var now = clock.instant();
        if (Duration.between(startedAt, now).compareTo(config.endAfter()) < 0) {
            return;
        }
        for (var eventId : events.onAirBefore(now.minus(config.endAfter()))) {
            if (!streams.containsKey(eventId) && events.endAbandonedShow(eventId)) {
                log.info("Event {}: the show ended by itself: no publisher after its scheduled end", eventId);
            }
        }
    }

    /**
     * Closes a stream. {@code keepRecording}: what it recorded is the show's; otherwise it was a rehearsal (or the
     * event a draft), whose segments are deleted.
     */
    private void finish(LiveStream stream, StreamStop stop, String why, boolean keepRecording) {
        if (!streams.remove(stream.eventId(), stream)) {
            return;
        }
        log.info("Event {}: stream over: {}", stream.eventId(), why);
        stream.close(stop, why);
        if (!keepRecording) {
            deleteRehearsal(stream.eventId());
        }
    }

    private void deleteRehearsal(UUID eventId) {
        var dir = streamsDir.resolve(eventId.toString());
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("Cannot delete {}: {}", path, e.toString());
                }
            });
            log.info("Event {}: the rehearsal's segments were deleted", eventId);
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing was written
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete the rehearsal in {}: {}", dir, e.toString());
        }
    }

    // ---- for organisers

    public StreamEndpoint endpoint(Caller caller, UUID eventId) {
        var key = jdbi.inTransaction(handle -> {
            Events.owned(handle, caller, eventId, false);
            return keys.forEvent(handle, eventId);
        });
        return endpointOf(caller, key);
    }

    /** A new stream key; the publisher using the old one is disconnected. */
    public StreamEndpoint rotateKey(Caller caller, UUID eventId) {
        var key = jdbi.inTransaction(handle -> {
            Events.owned(handle, caller, eventId, true);
            return keys.rotate(handle, eventId);
        });
        var stream = streams.get(eventId);
        if (stream != null) {
            stream.disconnect(StreamStop.KEY_REPLACED, "its stream key was replaced");
        }
        return endpointOf(caller, key);
    }

    /** New preview and health-page links; those handed out before stop working. The key stays. */
    public StreamEndpoint renewLinks(Caller caller, UUID eventId) {
        var key = jdbi.inTransaction(handle -> {
            Events.owned(handle, caller, eventId, true);
            return keys.renewLinks(handle, eventId);
        });
        return endpointOf(caller, key);
    }

    private StreamEndpoint endpointOf(Caller caller, StreamKeys.Key key) {
        var host = publisherHost();
        var server = "rtmp://" + host + (port(rtmp, 1935)) + "/live";
        var secure = rtmps == null ? null : "rtmps://" + host + port(rtmps, 443) + "/live";
        var subject = "o-" + caller.accountId();
        var preview = tokens.issueForOrganiser(
                key.eventId(), PlaybackTokens.Scope.PREVIEW, subject, PREVIEW_VALIDITY, key.linksVersion());
        var health = tokens.issueForOrganiser(
                key.eventId(), PlaybackTokens.Scope.HEALTH, subject, PREVIEW_VALIDITY, key.linksVersion());
        var live = publicUrl.resolve("live/" + key.eventId() + "/");
        return new StreamEndpoint(
                server,
                secure,
                key.key(),
                server + "/" + key.key(),
                live.resolve(preview + "/" + HlsRoutes.MASTER).toString(),
                live.resolve(health + "/" + HlsRoutes.HEALTH_PAGE).toString(),
                key.createdAt());
    }

    private String publisherHost() {
        if (!config.publicHost().isBlank()) {
            return config.publicHost();
        }
        var host = publicUrl.base().getHost();
        return host == null ? "127.0.0.1" : host;
    }

    private static String port(@Nullable RtmpServer server, int standard) {
        if (server == null) {
            return "";
        }
        return server.port() == standard ? "" : ":" + server.port();
    }

    public StreamHealth health(Caller caller, UUID eventId) {
        jdbi.useHandle(handle -> Events.owned(handle, caller, eventId, false));
        return health(eventId);
    }

    /** The health of an event's stream; the caller has checked who may see it. */
    StreamHealth health(UUID eventId) {
        var event = events.row(eventId).orElse(null);
        var show = event == null
                ? new ShowState(EventStatus.CANCELLED, null, null)
                : new ShowState(event.status(), event.onAirAt(), event.endedBy());
        boolean over = show.status() == EventStatus.ENDED || show.status() == EventStatus.CANCELLED;
        var stream = streams.get(eventId);
        if (stream == null) {
            return new StreamHealth(
                    eventId,
                    over ? StreamState.ENDED : StreamState.OFFLINE,
                    show,
                    over && show.endedBy() != null ? StreamStop.SHOW_ENDED : null,
                    clock.instant(),
                    null,
                    null,
                    null,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    0,
                    false,
                    0,
                    LiveStream.RECOMMENDED_BITRATE,
                    List.of(),
                    0,
                    0,
                    List.of());
        }
        return stream.health(show);
    }

    // ---- for viewers' pages

    /** A viewer's playback token for {@code subject} (letters, digits and dashes) to watch {@code eventId}. */
    public String playbackToken(UUID eventId, String subject, Duration validity) {
        return tokens.issuePlay(eventId, subject, validity);
    }

    /** Whether the event's live stream can be played now: a publisher sent enough for a first segment. */
    public boolean playable(UUID eventId) {
        var stream = streams.get(eventId);
        return stream != null && stream.packager().timelines().values().stream().anyMatch(t -> !t.isEmpty());
    }

    /** Whether a publisher is sending the event's stream now. */
    public StreamState streamState(UUID eventId) {
        var stream = streams.get(eventId);
        if (stream == null) {
            return StreamState.OFFLINE;
        }
        return stream.state();
    }

    /** Whether the event has a recording to replay: something was recorded after the show went on air. */
    public boolean recordingExists(UUID eventId) {
        var onAirAt = events.row(eventId).map(EventRow::onAirAt).orElse(null);
        if (onAirAt == null) {
            return false;
        }
        var dir = streamsDir.resolve(eventId.toString());
        try {
            for (var rendition : RenditionsFile.read(dir)) {
                if (SegmentTimeline.recorded(dir.resolve(rendition.name()), onAirAt)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- for delivery

    PlaybackTokens tokens() {
        return tokens;
    }

    Optional<LiveStream> stream(UUID eventId) {
        return Optional.ofNullable(streams.get(eventId));
    }

    Path streamsDir() {
        return streamsDir;
    }

    IngestConfig config() {
        return config;
    }

    Collection<LiveStream> streams() {
        return streams.values();
    }

    /** The process packaging an event's stream now, if any: for monitoring. */
    public OptionalLong packagerPid(UUID eventId) {
        var stream = streams.get(eventId);
        return stream == null ? OptionalLong.empty() : stream.packager().pid();
    }

    @Override
    public void close() {
        if (eventChanges != null) {
            try {
                eventChanges.close();
            } catch (Exception e) {
                log.debug("Cannot stop listening for event changes", e);
            }
        }
        housekeeping.shutdownNow();
        listeners.forEach(RtmpServer::close);
        listeners.clear();
        streams.values().forEach(LiveStream::close);
        streams.clear();
    }
}
