package io.stagedoor.server.ingest;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.StreamEndpoint;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.config.IngestConfig;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.ingest.rtmp.Admission;
import io.stagedoor.server.ingest.rtmp.Publisher;
import io.stagedoor.server.ingest.rtmp.RtmpLimits;
import io.stagedoor.server.ingest.rtmp.RtmpServer;
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
 * moves events along as their stream starts and stops. Runs the RTMP (and RTMPS) listeners.
 */
public final class IngestService implements Publisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    static final Duration PREVIEW_VALIDITY = Duration.ofHours(12);

    private final Jdbi jdbi;
    private final Clock clock;
    private final IngestConfig config;
    private final EventService events;
    private final PublicUrl publicUrl;
    private final StreamKeys keys;
    private final PlaybackTokens tokens;
    private final Path streamsDir;
    private final Packager.Factory packagers;
    private final Map<UUID, LiveStream> streams = new ConcurrentHashMap<>();
    private final List<RtmpServer> listeners = new ArrayList<>();
    private final ScheduledExecutorService housekeeping;
    private @Nullable RtmpServer rtmp;
    private @Nullable RtmpServer rtmps;
    private @Nullable Admission admission;

    public IngestService(
            Jdbi jdbi, Clock clock, IngestConfig config, EventService events, PublicUrl publicUrl, Path dataDir) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.events = events;
        this.publicUrl = publicUrl;
        this.keys = new StreamKeys(jdbi, clock);
        this.tokens = new PlaybackTokens(jdbi, clock);
        this.streamsDir = dataDir.resolve("streams");
        var ffmpeg = config.ffmpeg().orElseGet(FfmpegProgram::bundled);
        this.packagers = (eventId, listener) ->
                new Packager(eventId.toString(), directory(eventId), ffmpeg, config, clock, listener);
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
        housekeeping.scheduleWithFixedDelay(this::housekeep, 2, 2, TimeUnit.SECONDS);
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
        var status = events.status(id).orElseThrow(() -> new Refused("NetStream.Publish.BadName", "No such event."));
        if (status == EventStatus.ENDED || status == EventStatus.CANCELLED) {
            log.info("Publish from {} for event {} refused: the event is {}", client.address(), id, status);
            throw new Refused(
                    "NetStream.Publish.Rejected",
                    "The event is " + status.name().toLowerCase(java.util.Locale.ROOT) + "; it cannot go live again.");
        }
        var stream = streams.computeIfAbsent(id, this::newStream);
        var session = stream.begin(client, endConnection);
        if (events.streamStarted(id)) {
            log.info("Event {} is live", id);
        }
        log.info("Event {}: publishing from {} ({})", id, client.address(), client.flashVer());
        return session;
    }

    private LiveStream newStream(UUID eventId) {
        return new LiveStream(eventId, packagers, clock, config.segment());
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

    /** Ends streams whose event was ended or cancelled, and events whose publisher has been gone too long. */
    private void housekeep() {
        try {
            for (var stream : streams.values()) {
                var status = events.status(stream.eventId()).orElse(EventStatus.CANCELLED);
                if (status == EventStatus.ENDED || status == EventStatus.CANCELLED) {
                    finish(stream, "the event is " + status.name().toLowerCase(java.util.Locale.ROOT));
                    continue;
                }
                var gone = stream.goneAt();
                if (stream.state() == StreamState.DISCONNECTED
                        && gone != null
                        && Duration.between(gone, clock.instant()).compareTo(config.endAfter()) >= 0) {
                    events.streamAbandoned(stream.eventId());
                    finish(
                            stream,
                            "the publisher has been gone for "
                                    + config.endAfter().toMinutes() + " min");
                }
            }
        } catch (RuntimeException e) {
            log.error("Ingest housekeeping failed", e);
        }
    }

    private void finish(LiveStream stream, String why) {
        log.info("Event {}: stream over: {}", stream.eventId(), why);
        streams.remove(stream.eventId(), stream);
        stream.close();
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
            stream.disconnect("its stream key was replaced");
        }
        return endpointOf(caller, key);
    }

    private StreamEndpoint endpointOf(Caller caller, StreamKeys.Key key) {
        var host = publisherHost();
        var server = "rtmp://" + host + (port(rtmp, 1935)) + "/live";
        var secure = rtmps == null ? null : "rtmps://" + host + port(rtmps, 443) + "/live";
        var token = tokens.issue(key.eventId(), "o-" + caller.accountId(), PREVIEW_VALIDITY);
        var base = publicUrl.resolve("live/" + key.eventId() + "/" + token + "/");
        return new StreamEndpoint(
                server,
                secure,
                key.key(),
                server + "/" + key.key(),
                base.resolve(HlsRoutes.MASTER).toString(),
                base.resolve(HlsRoutes.HEALTH_PAGE).toString(),
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
        var status = events.status(eventId).orElse(EventStatus.CANCELLED);
        boolean over = status == EventStatus.ENDED || status == EventStatus.CANCELLED;
        var stream = streams.get(eventId);
        if (stream == null) {
            return new StreamHealth(
                    eventId,
                    over ? StreamState.ENDED : StreamState.OFFLINE,
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
        return stream.health(over);
    }

    // ---- for viewers' pages

    /** A playback token for {@code subject} (letters, digits and dashes) to watch {@code eventId}. */
    public String playbackToken(UUID eventId, String subject, Duration validity) {
        return tokens.issue(eventId, subject, validity);
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
        return stream.health(false).state();
    }

    /** Whether the event has a recording to replay. */
    public boolean recordingExists(UUID eventId) {
        try {
            return !RenditionsFile.read(streamsDir.resolve(eventId.toString())).isEmpty();
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
        housekeeping.shutdownNow();
        listeners.forEach(RtmpServer::close);
        listeners.clear();
        streams.values().forEach(LiveStream::close);
        streams.clear();
    }
}
