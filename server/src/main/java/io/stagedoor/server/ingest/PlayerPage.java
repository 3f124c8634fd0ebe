package io.stagedoor.server.ingest;

/**
 * The page that plays one stream ({@code pages/watch.jte}): its heading, the playlist it plays (relative to the
 * page's own address, so the playback token comes along), and the addresses of the player's scripts.
 */
public record PlayerPage(
        String title, String source, String hlsScript, String hlsWorker, String playerScript, String pageScript) {

    /**
     * What the page may load: scripts and the hls.js worker from this server only (no inline script), media from here
     * and from the {@code blob:} addresses that Media Source Extensions give the video element, requests for
     * playlists and segments to this server only. Inline styles stay allowed for the template's style block.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; worker-src 'self';"
            + " media-src 'self' blob:; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static PlayerPage of(String title, String source, PlayerAssets assets) {
        return new PlayerPage(
                title,
                source,
                assets.url(PlayerAssets.HLS),
                assets.url(PlayerAssets.HLS_WORKER),
                assets.url(PlayerAssets.PLAYER),
                assets.url(PlayerAssets.WATCH_PAGE));
    }
}
