package io.stagedoor.server.ingest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.BandwidthTestResult;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.error.ForbiddenException;
import io.stagedoor.server.error.GoneException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.error.UnauthenticatedException;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.sse.EventStream;
import io.stagedoor.server.sse.Followers;
import io.stagedoor.server.templates.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ingest serves over HTTP outside the JSON API: HLS playlists and segments behind a playback token
 * ({@code /live/{event}/{token}/…}), the page that plays them and its scripts, the technician's health page and its
 * server-sent events, the same events for API clients, the encoder's upload test, and Prometheus metrics.
 */
public final class HlsRoutes {

    private static final Logger log = LoggerFactory.getLogger(HlsRoutes.class);
    static final String MASTER = "master.m3u8";
    static final String DVR = "dvr.m3u8";
    static final String REPLAY = "replay.m3u8";
    static final String HEALTH_PAGE = "health";
    static final String WATCH_PAGE = "watch";
    private static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    private static final Pattern RENDITION = Pattern.compile("[a-z0-9]{1,16}");
    private static final Pattern SEGMENT = Pattern.compile("seg-\\d{1,12}\\.ts");
    /** What plays the stream: a ticket's viewing session, or the organiser's preview. */
    private static final Set<PlaybackTokens.Scope> STREAM =
            EnumSet.of(PlaybackTokens.Scope.PLAY, PlaybackTokens.Scope.PREVIEW);
    /** What opens the technician's health page and its updates; never the stream. */
    private static final Set<PlaybackTokens.Scope> HEALTH = EnumSet.of(PlaybackTokens.Scope.HEALTH);
    /**
     * The upload test reads for at most this long. There is no cap on the bytes: nothing is kept, and stopping early
     * on a fast link (loopback moves hundreds of megabytes a second) would close the connection under a client that is
     * still sending, which then never sees the answer.
     */
    static final long BANDWIDTH_TEST_MAX_MILLIS = 15_000;

    private final IngestService ingest;
    private final Followers followers;
    /** The client behind a request, as the HTTP layer resolved it (through trusted proxies). */
    private final Function<Context, String> clientAddress;

    private final EventService events;
    private final Function<String, Optional<Caller>> authenticator;
    private final IngestMetrics metrics;
    private final PlayerAssets player = new PlayerAssets();
    private volatile ViewerGate gate = ViewerGate.OPEN;

    public HlsRoutes(
            IngestService ingest,
            EventService events,
            Function<String, Optional<Caller>> authenticator,
            String metricsToken,
            Followers followers,
            Function<Context, String> clientAddress) {
        this.ingest = ingest;
        this.followers = followers;
        this.clientAddress = clientAddress;
        this.events = events;
        this.authenticator = authenticator;
        this.metrics = new IngestMetrics(ingest, metricsToken);
    }

    /** Who may be served besides checking the token: ticket holders' sessions are checked on every request. */
    public void gate(ViewerGate gate) {
        this.gate = gate;
    }

    /** The player's scripts, for other pages that play. */
    public PlayerAssets player() {
        return player;
    }

    public void register(RoutesConfig routes) {
        // The router tries routes in the order given: the rendition's playlists and segments, which every viewer asks
        // for every 2 s, come first, after only the one route that would otherwise be taken for a rendition's file.
        routes.before("/live/{eventId}/{token}/" + HEALTH_PAGE + "/events", ctx -> {
            eventOf(ctx, HEALTH);
            requireEventStream(ctx);
        });
        routes.get("/live/{eventId}/{token}/" + HEALTH_PAGE + "/events", ctx -> follow(ctx, eventId(ctx)));
        routes.get("/live/{eventId}/{token}/{rendition}/{file}", this::renditionFile);
        routes.get("/live/{eventId}/{token}/" + MASTER, ctx -> master(ctx, "live.m3u8"));
        routes.get("/live/{eventId}/{token}/" + DVR, ctx -> master(ctx, "dvr.m3u8"));
        routes.get("/live/{eventId}/{token}/" + REPLAY, ctx -> master(ctx, "replay.m3u8"));
        routes.get("/live/{eventId}/{token}/" + HEALTH_PAGE, this::healthPage);
        routes.get("/live/{eventId}/{token}/" + WATCH_PAGE, this::watchPage);
        // For a CDN or caching proxy in front (nginx's auth_request): whether this token may be served now.
        routes.get("/live/{eventId}/{token}/access", ctx -> {
            eventOf(ctx, STREAM);
            ctx.status(204).header("Cache-Control", "private, max-age=2");
        });
        player.register(routes);
        // Playlists and segments asked for without a token: refused like a forged one, saying what is missing.
        routes.get("/live/{eventId}/{file}", ctx -> {
            throw new ForbiddenException(
                    "Streams are played with a playback token in their address: open the stream from your ticket's"
                            + " page.");
        });
        routes.before("/api/v1/events/{eventId}/health/events", ctx -> {
            var caller = caller(ctx);
            ingest.health(caller, eventId(ctx));
            requireEventStream(ctx);
        });
        routes.get("/api/v1/events/{eventId}/health/events", ctx -> follow(ctx, eventId(ctx)));
        routes.post("/api/v1/bandwidth-test", this::bandwidthTest);
        routes.get("/metrics", metrics::serve);
    }

    private static void requireEventStream(Context ctx) {
        var accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new io.stagedoor.server.error.UnsupportedMediaTypeException(
                    "This address sends server-sent events: ask for them with \"Accept: text/event-stream\".");
        }
    }

    private Caller caller(Context ctx) {
        var header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("Sign in and send the session token as \"Authorization: Bearer …\".");
        }
        return authenticator
                .apply(header.substring(7).strip())
                .orElseThrow(() -> new UnauthenticatedException(
                        "The session token is unknown or has expired: sign in" + " again."));
    }

    private static UUID eventId(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("eventId"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such stream.");
        }
    }

    /**
     * The event, when the address's token is genuine for it, opens what is asked for ({@code accepted}) and its holder
     * may watch now: 403 for a token not made here, made for another event or for something else (a viewer's token for
     * the health page), or whose links were renewed (the same answer for all, so tokens cannot be probed), 410 for one
     * that has expired, and the gate's 403 for a ticket that may not play now (another device took over, a refund).
     */
    private UUID eventOf(Context ctx, Set<PlaybackTokens.Scope> accepted) {
        var eventId = eventId(ctx);
        var checked = ingest.tokens().check(eventId, ctx.pathParam("token"));
        if (checked.verdict() != PlaybackTokens.Verdict.INVALID && !accepted.contains(checked.scope())) {
            throw new ForbiddenException(
                    accepted.contains(PlaybackTokens.Scope.HEALTH)
                            ? "This address does not open the stream's health: use the health page's link from the studio or"
                                    + " the event's stream settings."
                            : "This address does not play the stream: open it from your ticket's page.");
        }
        switch (checked.verdict()) {
            case INVALID ->
                throw new ForbiddenException(
                        "This stream address is not valid: open the stream again from your ticket's page.");
            case EXPIRED ->
                throw new GoneException(
                        "This stream address has expired: open the stream again from your ticket's page.");
            case GENUINE -> {
                if (checked.scope() == PlaybackTokens.Scope.PLAY) {
                    gate.admit(eventId, checked.subject());
                }
            }
        }
        ctx.attribute("viewer", checked.subject());
        return eventId;
    }

    private void master(Context ctx, String playlist) throws IOException {
        var eventId = eventOf(ctx, STREAM);
        List<Rendition> renditions;
        var stream = ingest.stream(eventId);
        if (stream.isPresent() && !playlist.equals("replay.m3u8")) {
            stream.get().sawViewer(String.valueOf((Object) ctx.attribute("viewer")));
            renditions = stream.get().packager().renditions().stream()
                    .filter(r -> hasSegments(stream.get(), r.name()))
                    .toList();
        } else {
            renditions = RenditionsFile.read(ingest.streamsDir().resolve(eventId.toString()));
        }
        if (renditions.isEmpty()) {
            throw new NotFoundException("The stream has not started yet.");
        }
        var out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        var sorted = new ArrayList<>(renditions);
        sorted.sort((a, b) -> Long.compare(b.bandwidth(), a.bandwidth()));
        for (var rendition : sorted) {
            out.append(String.format(
                            Locale.ROOT,
                            "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s\"",
                            rendition.bandwidth(),
                            (long) (rendition.bandwidth() / 1.1),
                            rendition.width(),
                            rendition.height(),
                            rendition.codecs()))
                    .append(
                            rendition.frameRate() > 0
                                    ? String.format(Locale.ROOT, ",FRAME-RATE=%.3f", rendition.frameRate())
                                    : "")
                    .append('\n')
                    .append(rendition.name())
                    .append('/')
                    .append(playlist)
                    .append('\n');
        }
        playlist(ctx, out.toString());
    }

    private static boolean hasSegments(LiveStream stream, String rendition) {
        var timeline = stream.packager().timelines().get(rendition);
        return timeline != null && !timeline.isEmpty();
    }

    private void renditionFile(Context ctx) throws IOException {
        var eventId = eventOf(ctx, STREAM);
        var rendition = ctx.pathParam("rendition");
        var file = ctx.pathParam("file");
        if (!RENDITION.matcher(rendition).matches()) {
            throw new NotFoundException("There is no such rendition.");
        }
        var dir = ingest.streamsDir().resolve(eventId.toString()).resolve(rendition);
        switch (file) {
            case "live.m3u8", "dvr.m3u8" -> {
                var stream = ingest.stream(eventId).orElse(null);
                var timeline =
                        stream == null ? null : stream.packager().timelines().get(rendition);
                if (timeline == null || timeline.isEmpty()) {
                    // Not live (any more): the recording stands in, so players that reload keep working.
                    recording(ctx, eventId, dir);
                    return;
                }
                stream.sawViewer(String.valueOf((Object) ctx.attribute("viewer")));
                playlist(
                        ctx,
                        file.equals("live.m3u8")
                                ? timeline.livePlaylist(ingest.config().liveWindowSegments())
                                : timeline.dvrPlaylist());
            }
            case "replay.m3u8" -> recording(ctx, eventId, dir);
            default -> {
                if (!SEGMENT.matcher(file).matches()) {
                    throw new NotFoundException("There is no such file.");
                }
                segment(ctx, dir.resolve(file));
            }
        }
    }

    private void recording(Context ctx, UUID eventId, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotFoundException("There is no such rendition.");
        }
        var event = events.row(eventId).orElse(null);
        var status = event == null ? EventStatus.CANCELLED : event.status();
        boolean ended = status == EventStatus.ENDED || status == EventStatus.CANCELLED;
        playlist(ctx, SegmentTimeline.recordingPlaylist(dir, ended, event == null ? null : event.onAirAt()));
    }

    private static void playlist(Context ctx, String body) {
        ctx.header("Cache-Control", "no-cache")
                .header("Access-Control-Allow-Origin", "*")
                .contentType(PLAYLIST_TYPE)
                .result(body);
    }

    private static void segment(Context ctx, Path file) throws IOException {
        InputStream in;
        long size;
        try {
            in = Files.newInputStream(file);
            size = Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("That segment is no longer kept.");
        }
        // A known length lets players and caches tell a complete segment from a cut one.
        ctx.res().setContentLengthLong(size);
        ctx.header("Cache-Control", "private, max-age=86400, immutable")
                .header("Access-Control-Allow-Origin", "*")
                .contentType("video/mp2t")
                .result(in);
    }

    private void healthPage(Context ctx) {
        var eventId = eventOf(ctx, HEALTH);
        var title = events.title(eventId).orElse("Stream");
        var eventsUrl = "health/events";
        ctx.header("Cache-Control", "no-store")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'")
                .html(Templates.render("pages/health.jte", new HealthPage(title, HEALTH_PAGE + "/events")));
        log.debug("Health page for {} served ({})", eventId, eventsUrl);
    }

    /** A page that plays the stream: the organiser's preview now, the ticket holder's player to come. */
    private void watchPage(Context ctx) {
        var eventId = eventOf(ctx, STREAM);
        var page = PlayerPage.of(events.title(eventId).orElse("Stream"), MASTER, player);
        ctx.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", PlayerPage.CONTENT_SECURITY_POLICY)
                .html(Templates.render("pages/watch.jte", page));
    }

    /** Sends the stream's health once a second until the client goes away. */
    private void follow(Context ctx, UUID eventId) {
        var json = ctx.jsonMapper();
        try (var slot = followers.admit(clientAddress.apply(ctx), eventId)) {
            EventStream.serve(ctx, stream -> {
                while (true) {
                    stream.send("health", json.toJsonString(ingest.health(eventId), StreamHealth.class));
                    Thread.sleep(1000);
                }
            });
        }
    }

    /**
     * The encoder's pre-flight: reads the upload as it comes, for up to {@link #BANDWIDTH_TEST_MAX_MILLIS}, and says
     * how fast it arrived, measured here.
     */
    private void bandwidthTest(Context ctx) throws IOException {
        caller(ctx);
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        long first = 0;
        long last = 0;
        try (var in = ctx.req().getInputStream()) {
            int read;
            long started = System.nanoTime();
            while ((read = in.read(buffer)) >= 0) {
                long now = System.nanoTime();
                if (bytes == 0 && read > 0) {
                    first = now;
                }
                bytes += read;
                last = now;
                if ((now - started) / 1_000_000 > BANDWIDTH_TEST_MAX_MILLIS) {
                    break;
                }
            }
        }
        double seconds = bytes == 0 ? 0 : (last - first) / 1e9;
        double mbps = seconds <= 0 ? 0 : bytes * 8 / seconds / 1e6;
        ctx.header("Cache-Control", "no-store")
                .json(new BandwidthTestResult(
                        bytes, Math.round(seconds * 1000) / 1000.0, Math.round(mbps * 100) / 100.0));
    }
}
