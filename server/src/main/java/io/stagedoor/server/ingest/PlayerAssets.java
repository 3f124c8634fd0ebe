package io.stagedoor.server.ingest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stagedoor.server.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player's scripts at {@code /static/{file}}: hls.js and its worker (from the npm registry, pinned by
 * {@code server/src/main/web/package-lock.json}) and our own, which the build copies into
 * {@code io/stagedoor/server/static/} of the jar (decision 27). Pages link them as {@code /static/player.js?v=…}
 * with a version taken from the content, so a browser or CDN may keep them for a year: a new build changes the
 * address.
 */
public final class PlayerAssets {

    private static final Logger log = LoggerFactory.getLogger(PlayerAssets.class);
    private static final String RESOURCES = "/io/stagedoor/server/static/";
    public static final String HLS = "hls.light.min.js";
    public static final String HLS_WORKER = "hls.worker.js";
    public static final String PLAYER = "player.js";
    static final String WATCH_PAGE = "watch.js";
    /** The ticket holder's page: waiting room, player, and what comes after. */
    public static final String VIEWER_PAGE = "viewer.js";

    private static final List<String> FILES = List.of(HLS, HLS_WORKER, PLAYER, WATCH_PAGE, VIEWER_PAGE);
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private record Asset(byte[] content, String version, String contentType) {}

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    /** Reads the assets from the class path; one that is missing (a build that skipped npm) is logged and 404s. */
    public PlayerAssets() {
        for (var name : FILES) {
            try (InputStream in = PlayerAssets.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    log.warn(
                            "The player asset {} is not in this build (the Maven build copies it from npm); the"
                                    + " watch page will not play",
                            name);
                    continue;
                }
                var content = in.readAllBytes();
                assets.put(name, new Asset(content, version(content), "text/javascript; charset=utf-8"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the player asset " + name, e);
            }
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/static/{file}", this::serve);
    }

    /** The address of one asset, with its version, e.g. {@code /static/player.js?v=3f2a9c01d4e5}. */
    public String url(String name) {
        var asset = assets.get(name);
        return "/static/" + name + (asset == null ? "" : "?v=" + asset.version());
    }

    private void serve(Context ctx) {
        var asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw new NotFoundException("There is no such file.");
        }
        var etag = "\"" + asset.version() + "\"";
        // Only the current version's address may be kept for good; any other (an old page) must ask again.
        ctx.header("Cache-Control", asset.version().equals(ctx.queryParam("v")) ? IMMUTABLE : "no-cache")
                .header("ETag", etag)
                .header("Access-Control-Allow-Origin", "*");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        // No length set here: Javalin compresses scripts for browsers that accept it.
        ctx.contentType(asset.contentType()).result(asset.content());
    }

    private static String version(byte[] content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
