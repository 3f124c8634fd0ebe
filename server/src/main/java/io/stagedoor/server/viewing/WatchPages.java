package io.stagedoor.server.viewing;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stagedoor.api.ApiJson;
import io.stagedoor.server.error.ForbiddenException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.error.TooManyRequestsException;
import io.stagedoor.server.error.UnsupportedMediaTypeException;
import io.stagedoor.server.http.ClientAddress;
import io.stagedoor.server.http.RateLimiter;
import io.stagedoor.server.ingest.PlayerAssets;
import io.stagedoor.server.pages.BrandColours;
import io.stagedoor.server.pages.ViewerPages;
import io.stagedoor.server.signals.Signal;
import io.stagedoor.server.signals.Signals;
import io.stagedoor.server.sse.EventStream;
import io.stagedoor.server.sse.Followers;
import io.stagedoor.server.templates.Templates;
import io.stagedoor.server.tickets.TicketEmail;
import io.stagedoor.server.viewing.AccessWindow.Phase;
import io.stagedoor.server.viewing.ViewingService.Holder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ticket holder's pages. {@code /t/{secret}} (the e-mail's Watch link) is one page for the whole show: the
 * waiting room with a countdown and a technical check, the player when the stream is live, "another device" when the
 * ticket plays elsewhere, and the end with the replay. It follows the ticket over server-sent events
 * ({@code /t/{secret}/events}) and changes by itself; it starts a viewing session ({@code POST /t/{secret}/sessions})
 * to play. {@code /tv} lets a TV browser open a ticket with a short device code.
 */
public final class WatchPages {

    private static final Logger log = LoggerFactory.getLogger(WatchPages.class);

    /** How often a following page hears how things stand. */
    static final Duration BEAT = Duration.ofSeconds(1);

    /** How often a following page reads its ticket again (a refund, a takeover), when nothing wakes it sooner. */
    static final Duration RELOAD_EVERY = Duration.ofSeconds(2);

    /** A playing page gets a new token this long before its token expires. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    /** What the speed test sends. */
    static final int SPEED_TEST_BYTES = 4 * 1024 * 1024;

    private static final byte[] SPEED_TEST = speedTestBytes();
    private static final JsonMapper JSON = ApiJson.builder().build();

    /** The page's policy: its own scripts and the hls.js worker, media from here and Media Source blobs. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; worker-src 'self' blob:;"
            + " media-src 'self' blob:; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The viewer's page. */
    public record ViewerPage(
            String title,
            String brandColour,
            String onBrandColour,
            @Nullable String coverUrl,
            String startsAt,
            String ticketTypeName,
            String ticketCode,
            String holderName,
            String access,
            boolean tv,
            String eventsUrl,
            String sessionsUrl,
            String speedTestUrl,
            String deviceCodeUrl,
            String tvUrl,
            String initialState,
            String initialView,
            String noticeHeading,
            String noticeText,
            String hlsScript,
            String hlsWorker,
            String playerScript,
            String pageScript) {}

    /** The page where a TV's viewer types a code. */
    public record TvPage(@Nullable String error, String code) {}

    private final ViewingService viewing;
    private final Signals signals;
    private final Followers followers;
    private final Clock clock;
    private final PlayerAssets assets;
    private final RateLimiter lookups;
    private final RateLimiter sessions;
    private final RateLimiter speedTests;
    private final RateLimiter codes;

    public WatchPages(ViewingService viewing, Clock clock, PlayerAssets assets, Signals signals, Followers followers) {
        this.viewing = viewing;
        this.followers = followers;
        this.signals = signals;
        this.clock = clock;
        this.assets = assets;
        this.lookups = new RateLimiter(clock, 120, Duration.ofMinutes(1), "ticket look-ups");
        this.sessions = new RateLimiter(clock, 30, Duration.ofMinutes(10), "requests to start playing");
        this.speedTests = new RateLimiter(clock, 10, Duration.ofMinutes(10), "speed tests");
        this.codes = new RateLimiter(clock, 10, Duration.ofMinutes(10), "device codes");
    }

    public void register(RoutesConfig routes) {
        routes.get("/t/{secret}", this::page);
        routes.get("/t/{secret}/events", this::follow);
        routes.post("/t/{secret}/sessions", this::startSession);
        routes.get("/t/{secret}/speed-test", this::speedTest);
        routes.post("/t/{secret}/device-code", this::deviceCode);
        routes.get("/tv", ctx -> tvPage(ctx, 200, null, ""));
        routes.post("/tv", this::redeem);
    }

    private Holder holderOf(Context ctx) {
        return viewing.holder(ctx.pathParam("secret"))
                .orElseThrow(() -> new NotFoundException("This ticket link is not valid."));
    }

    // ---- the page

    private void page(Context ctx) {
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        try {
            lookups.acquire(ClientAddress.of(ctx));
        } catch (TooManyRequestsException e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
            ViewerPages.message(ctx, 429, "Please wait a moment", e.getMessage());
            return;
        }
        var found = viewing.holder(ctx.pathParam("secret"));
        if (found.isEmpty()) {
            ViewerPages.message(
                    ctx,
                    404,
                    "Ticket not found",
                    "This ticket link is not valid. Use the newest e-mail with your tickets: when tickets are sent"
                            + " again, earlier links stop working.",
                    "Lost the e-mail? The event's page can send your ticket links again.");
            return;
        }
        var holder = found.get();
        var state = state(holder, null, null);
        var secret = ctx.pathParam("secret");
        var base = "/t/" + secret;
        var page = new ViewerPage(
                holder.eventTitle(),
                holder.brandColour(),
                BrandColours.textOn(holder.brandColour()),
                holder.hasCover() ? "/api/v1/public/events/" + holder.eventSlug() + "/cover" : null,
                TicketEmail.startTime(holder.startsAt(), holder.timeZone()),
                holder.ticketTypeName(),
                holder.ticketCode(),
                holder.holderName(),
                ViewerPages.describe(holder.access()),
                ctx.queryParam("tv") != null,
                base + "/events",
                base + "/sessions",
                base + "/speed-test",
                base + "/device-code",
                "/tv",
                JSON.writeValueAsString(state),
                initialView(state),
                String.valueOf(state.get("heading")),
                String.valueOf(state.get("message")),
                assets.url(PlayerAssets.HLS),
                assets.url(PlayerAssets.HLS_WORKER),
                assets.url(PlayerAssets.PLAYER),
                assets.url(PlayerAssets.VIEWER_PAGE));
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).html(Templates.render("pages/viewer.jte", page));
    }

    /**
     * How things stand for the page, as the page reads it: the phase and its times (epoch milliseconds, with the
     * server's clock so that countdowns do not trust the device's), whether the stream can be played, and the state
     * of the page's own session with a new token when it needs one.
     */
    private Map<String, Object> state(Holder holder, @Nullable UUID session, @Nullable String token) {
        var window = viewing.window(holder);
        var state = new LinkedHashMap<String, Object>();
        state.put("phase", window.phase().name());
        state.put("serverTime", clock.millis());
        state.put("startsAt", holder.startsAt().toEpochMilli());
        state.put("opensAt", window.opensAt().toEpochMilli());
        state.put(
                "closesAt", window.closesAt() == null ? null : window.closesAt().toEpochMilli());
        state.put("stream", viewing.streamState(holder.eventId()).name());
        state.put(
                "playable",
                window.phase() == Phase.REPLAY
                        || (window.phase() == Phase.LIVE && viewing.streamPlayable(holder.eventId())));
        state.put("rentalStarts", window.phase() == Phase.REPLAY && window.closesAt() == null);
        state.put("heading", heading(window.phase()));
        state.put("message", message(window.phase()));
        if (session != null) {
            state.put("session", viewing.check(session).state().name());
        }
        if (token != null) {
            state.put("token", token);
        }
        return state;
    }

    /** What the page shows before its script runs (and without one): the waiting room or the notice. */
    private static String initialView(Map<String, Object> state) {
        var phase = Phase.valueOf((String) state.get("phase"));
        return switch (phase) {
            case NOT_YET_OPEN, WAITING, LIVE -> "waiting";
            default -> "notice";
        };
    }

    private static String heading(Phase phase) {
        return switch (phase) {
            case NOT_YET_OPEN -> "Not open yet";
            case WAITING, LIVE -> "";
            case REPLAY, ENDED -> "The event has ended";
            case EXPIRED -> "Your viewing time is over";
            case REVOKED -> "This ticket is no longer valid";
            case CANCELLED -> "The event was cancelled";
        };
    }

    private static String message(Phase phase) {
        return switch (phase) {
            case NOT_YET_OPEN, WAITING, LIVE, REPLAY -> "";
            default -> ViewingService.refusal(phase);
        };
    }

    // ---- following the ticket

    private void follow(Context ctx) {
        if (!String.valueOf(ctx.header("Accept")).contains("text/event-stream")) {
            throw new UnsupportedMediaTypeException(
                    "This address sends server-sent events: ask for them with \"Accept: text/event-stream\".");
        }
        lookups.acquire(ClientAddress.of(ctx));
        var first = holderOf(ctx);
        // Only this ticket's own sessions: another ticket's session ID gets neither tokens nor its state.
        var session = ownSession(first, parseSession(ctx.queryParam("session")));
        try (var slot = followers.admit(ClientAddress.of(ctx), first.eventId())) {
            serveState(ctx, first, session);
        }
    }

    private void serveState(Context ctx, Holder first, @Nullable UUID session) {
        EventStream.serve(ctx, stream -> {
            var holder = first;
            long seen = signals.version(Signal.EVENT_CHANGED, holder.eventId());
            boolean changed = false;
            Instant lastReload = clock.instant();
            // A page that reconnects may hold a token close to expiry: the first state brings a fresh one.
            Instant tokenSent = Instant.EPOCH;
            while (true) {
                var now = clock.instant();
                if (changed || Duration.between(lastReload, now).compareTo(RELOAD_EVERY) >= 0) {
                    holder = viewing.reload(holder).orElse(holder);
                    lastReload = now;
                }
                String token = null;
                if (session != null
                        && Duration.between(tokenSent, now).compareTo(ViewingService.TOKEN_VALIDITY.minus(RENEW_BEFORE))
                                >= 0
                        && viewing.check(session).state() == ViewingService.SessionState.ACTIVE) {
                    token = viewing.token(holder.eventId(), session);
                    tokenSent = now;
                }
                stream.send("state", JSON.writeValueAsString(state(holder, session, token)));
                // A show that starts or ends wakes the page at once; otherwise it hears how things stand each beat.
                long version = signals.await(Signal.EVENT_CHANGED, holder.eventId(), seen, BEAT);
                changed = version != seen;
                seen = version;
            }
        });
    }

    private @Nullable UUID ownSession(Holder holder, @Nullable UUID session) {
        if (session == null) {
            return null;
        }
        return holder.ticketId().equals(viewing.check(session).ticketId()) ? session : null;
    }

    private static @Nullable UUID parseSession(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- playing

    /**
     * Starts a viewing session on this device. Asked for with JSON (a cross-site form cannot send it without the
     * browser asking first), so that another site cannot move a ticket's playback by posting a form.
     */
    private void startSession(Context ctx) {
        requireScriptRequest(ctx);
        sessions.acquire(ClientAddress.of(ctx));
        var holder = holderOf(ctx);
        var agent = Optional.ofNullable(ctx.header("User-Agent")).orElse("unknown");
        var started = viewing.start(holder, agent);
        // Never the session's ID: it is what a playback token is made for.
        log.info("Ticket {} started playing on a new device", holder.ticketCode());
        var body = new LinkedHashMap<String, Object>();
        body.put("session", started.sessionId().toString());
        body.put("base", "/live/" + holder.eventId() + "/");
        body.put("token", started.token());
        body.put("playlist", started.playlist());
        body.put("phase", started.window().phase().name());
        body.put(
                "closesAt",
                started.window().closesAt() == null
                        ? null
                        : started.window().closesAt().toEpochMilli());
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private static void requireScriptRequest(Context ctx) {
        var type = ctx.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw new UnsupportedMediaTypeException("Send this request from the ticket's page (as application/json).");
        }
        var site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ForbiddenException("Only the ticket's own page may start playing.");
        }
    }

    /** A few megabytes that do not compress, for the page's connection check. */
    private void speedTest(Context ctx) {
        speedTests.acquire(ClientAddress.of(ctx));
        holderOf(ctx);
        // No length of its own: the server may still wrap the response for compression (which gains nothing here).
        ctx.header("Cache-Control", "no-store")
                .contentType("application/octet-stream")
                .result(SPEED_TEST);
    }

    private static byte[] speedTestBytes() {
        var bytes = new byte[SPEED_TEST_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    // ---- TVs

    private void deviceCode(Context ctx) {
        requireScriptRequest(ctx);
        codes.acquire(ClientAddress.of(ctx));
        var holder = holderOf(ctx);
        var code = viewing.deviceCode(holder);
        var body = new LinkedHashMap<String, Object>();
        body.put("code", code.substring(0, 3) + "-" + code.substring(3));
        body.put("expiresInSeconds", ViewingService.DEVICE_CODE_VALIDITY.toSeconds());
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private void redeem(Context ctx) {
        var typed = Optional.ofNullable(ctx.formParam("code")).orElse("");
        try {
            codes.acquire(ClientAddress.of(ctx));
        } catch (TooManyRequestsException e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
            tvPage(ctx, 429, e.getMessage(), typed);
            return;
        }
        var secret = viewing.redeem(typed);
        if (secret.isEmpty()) {
            tvPage(
                    ctx,
                    400,
                    "That code is not valid. Codes work once, for ten minutes: ask for a new one on your ticket's"
                            + " page (\"Watch on a TV\").",
                    typed);
            return;
        }
        ctx.status(303).header("Location", "/t/" + secret.get() + "?tv").header("Cache-Control", "no-store");
    }

    private void tvPage(Context ctx, int status, @Nullable String error, String code) {
        ctx.status(status)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .html(Templates.render(
                        "pages/tv.jte", new TvPage(error, code.length() > 20 ? code.substring(0, 20) : code)));
    }
}
