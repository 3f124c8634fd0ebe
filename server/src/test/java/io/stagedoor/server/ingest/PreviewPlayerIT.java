package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.stagedoor.server.testing.Browser;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organiser's preview page in Debian's headless Chromium: it waits for a stream that has not started, plays it
 * with hls.js once Debian's ffmpeg publishes, goes back to live, offers and switches renditions, and says so when the
 * publisher goes away.
 */
class PreviewPlayerIT {

    @RegisterExtension
    static final ServerExtension server =
            new ServerExtension(TestDatabase.H2, "--ingest.ladder=360p30:700k", "--ingest.end-after-minutes=5");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path logs;

    @Test
    void thePreviewPlaysTheLiveStreamAndReportsAnInterruption() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Preview Watcher");
        var event = Organisers.eventOnSale(organiser, "Dress rehearsal");
        var endpoint = organiser.streams().endpoint(event.id());
        var watchUrl = URI.create(endpoint.previewUrl()).resolve("watch").toString();
        var recording = Publishers.pattern(1280, 720, 3000, 30);

        try (var browser = Browser.launch()) {
            // Before anyone publishes, the page waits, and says so.
            var page = browser.open(watchUrl);
            Eventually.until(
                    "the waiting state, " + browser.console(),
                    Duration.ofSeconds(10),
                    () -> "waiting".equals(state(page)));
            assertThat(page.locator("#status").textContent()).isEqualTo("Waiting for the stream to start…");
            assertThat(page.evaluate("window.stagedoorPlayer.mode")).isEqualTo("hls.js");
            browser.screenshot(page, "preview-player-waiting");

            var publisher = Publishers.publish(endpoint.publishUrl(), recording, logs.resolve("publisher.log"));
            try {
                // Both renditions in the master playlist, then a fresh page: its menu must offer both.
                Eventually.until(
                        "both renditions listed",
                        Duration.ofSeconds(20),
                        () -> status(endpoint.previewUrl()) == 200
                                && LiveIngestIT.get(endpoint.previewUrl()).contains("360p30/live.m3u8"));
                page.navigate(watchUrl);
                Eventually.until(
                        "the player plays, " + browser.console(),
                        Duration.ofSeconds(20),
                        () -> currentTime(page) > 0.5 && "playing".equals(state(page)));
                double started = currentTime(page);
                Eventually.until(
                        "3 s of video played, " + browser.console(),
                        Duration.ofSeconds(10),
                        () -> currentTime(page) >= started + 3);

                assertThat(page.evaluate("window.stagedoorPlayer.errors.length"))
                        .as("player errors: %s; console: %s", errors(page), browser.console())
                        .isEqualTo(0);
                assertThat(browser.console())
                        .as("no script errors, no refusals by the content security policy")
                        .noneMatch(line -> line.startsWith("page error")
                                || line.contains("Content Security Policy")
                                || line.contains("Refused to"));
                assertThat(page.workers())
                        .as("hls.js transmuxes in its worker, which the policy lets load from this server")
                        .anyMatch(worker -> worker.url().contains("/static/hls.worker.js?v="));
                assertThat(page.evaluate("document.getElementById('video').videoWidth"))
                        .as("the picture has the size of a rendition")
                        .isIn(1280, 640);
                // A loaded machine may stall the picture for a moment ("Buffering…"); the player must come back live.
                Eventually.until(
                        () -> "the status to say Live, not "
                                + page.locator("#status").textContent(),
                        Duration.ofSeconds(10),
                        () -> page.locator("#status").textContent().startsWith("Live"));
                assertThat(page.locator("#quality option").allTextContents())
                        .hasSize(3)
                        .first()
                        .asString()
                        .startsWith("Automatic");
                assertThat(page.locator("#quality option").allTextContents()).contains("720p", "360p");
                assertThat(page.locator("#go-live").isEnabled()).isTrue();
                var playing = browser.screenshot(page, "preview-player-playing");
                assertThat(Files.size(playing)).isGreaterThan(10_000);

                // Paused at the start of what is buffered while the live edge moves on, "Go to live" jumps there and
                // plays on.
                page.evaluate("() => { const v = document.getElementById('video');"
                        + " v.pause(); v.currentTime = v.buffered.start(0) + 0.2; }");
                Eventually.until(
                        "paused, back in the buffer",
                        Duration.ofSeconds(5),
                        () -> Boolean.FALSE.equals(page.evaluate("document.getElementById('video').seeking"))
                                && "paused".equals(state(page)));
                double behind = currentTime(page);
                Eventually.until(
                        "the live edge 3.5 s ahead",
                        Duration.ofSeconds(20),
                        () -> page.evaluate("window.stagedoorPlayer.liveEdge()") instanceof Number edge
                                && edge.doubleValue() >= behind + 3.5);
                page.locator("#go-live").click();
                assertThat(currentTime(page))
                        .as("the position after going live")
                        .isGreaterThan(behind + 3);
                Eventually.until("playing again", Duration.ofSeconds(10), () -> "playing".equals(state(page)));

                // The organiser picks a rendition: the player switches to it.
                page.locator("#quality").selectOption("0");
                Eventually.until(
                        "the 360p rendition playing",
                        Duration.ofSeconds(15),
                        () -> Integer.valueOf(360)
                                .equals(page.evaluate("document.getElementById('video').videoHeight")));
                assertThat(page.evaluate("window.stagedoorPlayer.auto")).isEqualTo(false);

                // The publisher goes away: the picture plays what is buffered (and the last segments the packager
                // finishes, up to 4 s), then stops; 4 s later the page says it is reconnecting.
                double buffered = ((Number) page.evaluate("() => { const v = document.getElementById('video');"
                                + " return v.buffered.length ? v.buffered.end(v.buffered.length - 1) - v.currentTime"
                                + " : 0; }"))
                        .doubleValue();
                var allowed = Duration.ofMillis(Math.round((buffered + 4 + 4 + 5) * 1000));
                publisher.destroy();
                assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).isTrue();
                try {
                    Eventually.until(
                            "the interrupted state (" + buffered + " s were buffered)",
                            allowed,
                            () -> "interrupted".equals(state(page)));
                } catch (AssertionError e) {
                    throw new AssertionError(
                            e.getMessage() + "; player " + summary(page) + "; " + browser.console(), e);
                }
                assertThat(page.locator("#status").textContent()).isEqualTo("Stream interrupted — reconnecting…");
                browser.screenshot(page, "preview-player-interrupted");
            } finally {
                publisher.destroy();
                publisher.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void thePageAndItsScriptsAreServedUnderAStrictPolicy() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Policy Checker");
        var event = Organisers.eventOnSale(organiser, "Soundcheck");
        var preview = URI.create(organiser.streams().endpoint(event.id()).previewUrl());

        var watch = HTTP.send(
                HttpRequest.newBuilder(preview.resolve("watch")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(watch.statusCode()).isEqualTo(200);
        assertThat(watch.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'", "script-src 'self'", "media-src 'self' blob:")
                        .doesNotContain("unsafe-eval"));
        var html = Jsoup.parse(watch.body());
        assertThat(html.select("script").eachAttr("src"))
                .as("no inline scripts: every script has a source")
                .hasSize(html.select("script").size())
                .hasSize(3);
        assertThat(html.select("video#video").attr("data-src")).isEqualTo("master.m3u8");

        for (var src : html.select("script").eachAttr("src")) {
            var script = server.baseUri().resolve(src);
            assertThat(script.getQuery()).as(src).startsWith("v=");
            var response = HTTP.send(HttpRequest.newBuilder(script).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(src).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(response.body().length).as(src).isGreaterThan(1000);
        }
        var unversioned = HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/static/player.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unversioned.statusCode()).isEqualTo(200);
        assertThat(unversioned.headers().firstValue("Cache-Control")).hasValue("no-cache");
        var etag = unversioned.headers().firstValue("ETag").orElseThrow();
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(server.baseUri().resolve("/static/player.js"))
                                        .header("If-None-Match", etag)
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(304);
        assertThat(status(server.baseUri().resolve("/static/hls.js.map").toString()))
                .isEqualTo(404);
        assertThat(status(server.baseUri()
                        .resolve("/static/..%2Fconfig%2Fstagedoor.conf")
                        .toString()))
                .isEqualTo(404);

        // The page is behind the same token as the playlists.
        var forged = preview.toString().replaceFirst("/live/([^/]+)/[^/]+/master\\.m3u8$", "/live/$1/0.o-x.AAAA/watch");
        assertThat(status(forged)).isEqualTo(403);
    }

    private static String state(Page page) {
        return String.valueOf(page.evaluate("window.stagedoorPlayer && window.stagedoorPlayer.state"));
    }

    /** The player's state, position, buffer and errors, for messages. */
    private static Object summary(Page page) {
        return page.evaluate("() => { const v = document.getElementById('video'), p = window.stagedoorPlayer, b = [];"
                + " for (let i = 0; i < v.buffered.length; i++) b.push([v.buffered.start(i), v.buffered.end(i)]);"
                + " return JSON.stringify({state: p.state, time: v.currentTime, paused: v.paused, buffered: b,"
                + " errors: p.errors, recoveries: p.recoveries, edge: p.liveEdge()}); }");
    }

    private static double currentTime(Page page) {
        return ((Number) page.evaluate("document.getElementById('video').currentTime")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Page page) {
        return (List<Map<String, Object>>) page.evaluate("window.stagedoorPlayer.errors");
    }

    private static int status(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
