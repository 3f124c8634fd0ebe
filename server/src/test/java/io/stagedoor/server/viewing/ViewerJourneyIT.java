package io.stagedoor.server.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.stagedoor.server.ingest.Eventually;
import io.stagedoor.server.testing.Browser;
import io.stagedoor.server.testing.Publishers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer's evening in Debian's headless Chromium: the Watch link from the e-mail (GreenMail) opens the waiting room
 * with a countdown on the server's clock; when Debian's ffmpeg starts publishing before the show, the organiser's
 * preview plays the rehearsal while the ticket holder keeps waiting; "Start show" switches the page to the player by
 * itself within two seconds, and it plays; a second device takes over and the first says so; a publisher drop shows the reconnecting state
 * and playback resumes; a refund stops another ticket's playback; the end offers the replay; and a TV opens the
 * ticket with a device code. Requests without a token, with a forged, another event's or an expired one are refused
 * from inside the browser too. Screenshots land in {@code target/screenshots/viewer-*.png}.
 */
class ViewerJourneyIT {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path logs;

    private static ViewingFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ViewingFixture(dataDir, "--ingest.ladder=", "--ingest.end-after-minutes=5");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void fromTheEmailToTheReplay() throws Exception {
        var show = fixture.eventOnSale("Evening <Concert>", Duration.ofMinutes(20));
        var ada = fixture.buy(show, "Ada Lovelace", "ada@example.org");
        var rafe = fixture.buy(show, "Rafe", "rafe@example.org");
        var endpoint = fixture.organiser.streams().endpoint(show.id());
        var recording = Publishers.pattern(960, 540, 1500, 180);

        try (var browser = Browser.launch()) {
            // On a device whose clock is an hour slow, the countdown follows the server's clock.
            var slow = browser.open("about:blank");
            slow.clock().setFixedTime(Instant.now().minus(Duration.ofHours(1)).toEpochMilli());
            slow.navigate(ada.link());
            try {
                Eventually.until(
                        "the countdown to the start on the server's clock",
                        Duration.ofSeconds(10),
                        () -> countsDownTo(slow, show.startsAt()));
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + ": " + slow.locator("body").innerText() + "; " + browser.console(), e);
            }
            slow.close();

            var first = browser.open(ada.link());
            Eventually.until(
                    "the waiting room, " + browser.console(), Duration.ofSeconds(10), () -> visible(first, "#waiting"));
            Eventually.until(
                    "the countdown to the start", Duration.ofSeconds(5), () -> countsDownTo(first, show.startsAt()));
            assertThat(first.locator("h1").textContent()).isEqualTo("Evening <Concert>");
            assertThat(first.locator("#waiting-heading").textContent()).isEqualTo("Starts in");
            first.evaluate("window.__samePage = true");

            // The technical check, by keyboard.
            first.locator("#check").focus();
            first.keyboard().press("Enter");
            Eventually.until(
                    () -> "the connection measured: "
                            + first.locator("#tech-check").innerText() + "; " + browser.console(),
                    Duration.ofSeconds(20),
                    () -> first.locator("#check-results li").count() == 2
                            && first.locator("#check-results li")
                                    .nth(1)
                                    .textContent()
                                    .contains("Mbps"));
            assertThat(first.locator("#check-results li").first().getAttribute("data-result"))
                    .isEqualTo("ok");
            browser.screenshot(first, "viewer-countdown");
            first.setViewportSize(375, 812);
            browser.screenshot(first, "viewer-countdown-phone");
            first.setViewportSize(1280, 800);

            var publisher = Publishers.publish(endpoint.publishUrl(), recording, logs.resolve("publisher-1.log"));
            try {
                // Before the show the stream is a rehearsal: the organiser's preview plays it, while
                // ticket holders stay in the waiting room and cannot start playing.
                var preview = browser.open(endpoint.previewUrl().replace("master.m3u8", "watch"));
                Eventually.until(
                        "the organiser's preview playing the rehearsal, " + browser.console(),
                        Duration.ofSeconds(40),
                        () -> currentTime(preview) > 2);
                assertThat(visible(first, "#waiting"))
                        .as("the ticket holder waits")
                        .isTrue();
                assertThat(visible(first, "#stage-panel")).isFalse();
                assertThat(((Number) first.evaluate("fetch(location.pathname + '/sessions', {method: 'POST',"
                                        + " headers: {'Content-Type': 'application/json'}, body: '{}'})"
                                        + ".then(r => r.status)"))
                                .intValue())
                        .as("a ticket cannot play a rehearsal")
                        .isEqualTo(403);
                assertThat(visible(first, "#waiting")).as("still waiting").isTrue();
                preview.close();

                // "Start show": the page switches to the player by itself, without a reload, within 2 s.
                long startedAt = System.nanoTime();
                fixture.organiser.events().startShow(show.id());
                long deadline = startedAt + Duration.ofSeconds(10).toNanos();
                while (!visible(first, "#stage-panel") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                var switched = Duration.ofNanos(System.nanoTime() - startedAt);
                assertThat(visible(first, "#stage-panel"))
                        .as("the player, %s", browser.console())
                        .isTrue();
                assertThat(switched).as("from Start show to the player").isLessThan(Duration.ofSeconds(2));
                Eventually.until(
                        "the player playing, " + browser.console(),
                        Duration.ofSeconds(40),
                        () -> visible(first, "#stage-panel") && currentTime(first) > 2);
                double at = currentTime(first);
                Eventually.until("2 s more played", Duration.ofSeconds(10), () -> currentTime(first) >= at + 2);
                assertThat(first.evaluate("window.__samePage")).isEqualTo(true);
                assertThat(first.evaluate("window.stagedoorViewer.player.errors.length"))
                        .as("player errors; console %s", browser.console())
                        .isEqualTo(0);
                // A loaded machine may stall the picture for a moment ("Buffering…"); the player must come back live.
                Eventually.until(
                        () -> "the status to say Live, not "
                                + first.locator("#status").textContent(),
                        Duration.ofSeconds(10),
                        () -> first.locator("#status").textContent().startsWith("Live"));
                assertThat(browser.console())
                        .noneMatch(line -> line.startsWith("page error") || line.contains("Content Security Policy"));
                browser.screenshot(first, "viewer-playing");

                // The same refusals from inside the browser: no token, a forged one, another event's, an expired one.
                var segment = (String) first.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => /\\/seg-\\d+\\.ts$/.test(n)).pop()");
                var m = java.util.regex.Pattern.compile("^(.*/live/[^/]+/)([^/]+)/(.+)$")
                        .matcher(segment);
                assertThat(m.matches()).as(segment).isTrue();
                var token = m.group(2);
                assertThat(fetchStatus(first, segment)).isEqualTo(200);
                assertThat(fetchStatus(first, m.group(1) + "master.m3u8")).isEqualTo(403);
                var forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
                assertThat(fetchStatus(first, m.group(1) + forged + "/" + m.group(3)))
                        .isEqualTo(403);
                var elsewhere = fixture.organiser
                        .streams()
                        .endpoint(fixture.eventOnSale("Elsewhere", Duration.ofDays(1))
                                .id())
                        .previewUrl();
                var otherToken = elsewhere.replaceFirst("^.*/live/[^/]+/([^/]+)/.*$", "$1");
                assertThat(fetchStatus(first, m.group(1) + otherToken + "/" + m.group(3)))
                        .isEqualTo(403);
                fixture.clock.skip(ViewingService.TOKEN_VALIDITY.plusMinutes(1));
                try {
                    assertThat(fetchStatus(first, segment)).isEqualTo(410);
                } finally {
                    fixture.clock.back();
                }

                // The same ticket on a second device: it plays there, and the first stops within 10 s and says why.
                var second = browser.open(ada.link());
                Eventually.until(
                        "the second device playing",
                        Duration.ofSeconds(30),
                        () -> visible(second, "#stage-panel") && currentTime(second) > 1);
                long tookOver = System.nanoTime();
                Eventually.until("the first device told", Duration.ofSeconds(10), () -> visible(first, "#elsewhere"));
                assertThat(Duration.ofNanos(System.nanoTime() - tookOver)).isLessThan(Duration.ofSeconds(10));
                assertThat(first.locator("#elsewhere").textContent()).contains("Watching on another device");
                assertThat(first.evaluate("window.stagedoorViewer.player")).isNull();
                browser.screenshot(first, "viewer-another-device");

                // "Watch here instead" takes it back.
                first.locator("#take-back").click();
                Eventually.until(
                        "the first device playing again",
                        Duration.ofSeconds(30),
                        () -> visible(first, "#stage-panel") && currentTime(first) > 1);
                Eventually.until("the second device told", Duration.ofSeconds(10), () -> visible(second, "#elsewhere"));
                second.close();

                // The publisher drops: the page says it is reconnecting, and plays on when the stream is back.
                publisher.destroy();
                assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).isTrue();
                Eventually.until(
                        "the reconnecting state",
                        Duration.ofSeconds(40),
                        () -> "interrupted".equals(first.evaluate("window.stagedoorViewer.player.state")));
                assertThat(first.locator("#status").textContent()).isEqualTo("Stream interrupted — reconnecting…");
                browser.screenshot(first, "viewer-interrupted");
                publisher = Publishers.publish(endpoint.publishUrl(), recording, logs.resolve("publisher-2.log"));
                double stalledAt = currentTime(first);
                Eventually.until("playing again after the drop, " + browser.console(), Duration.ofSeconds(45), () -> {
                    return "playing".equals(first.evaluate("window.stagedoorViewer.player.state"))
                            && currentTime(first) > stalledAt + 2;
                });

                // A refund stops another ticket's playback within 10 s.
                var refunded = browser.open(rafe.link());
                Eventually.until(
                        "the refunded ticket playing first",
                        Duration.ofSeconds(30),
                        () -> visible(refunded, "#stage-panel") && currentTime(refunded) > 1);
                fixture.organiser.orders().refund(show.id(), rafe.orderId());
                long refundedAt = System.nanoTime();
                Eventually.until("playback stopped", Duration.ofSeconds(10), () -> visible(refunded, "#notice"));
                assertThat(Duration.ofNanos(System.nanoTime() - refundedAt)).isLessThan(Duration.ofSeconds(10));
                assertThat(refunded.locator("#notice-heading").textContent())
                        .isEqualTo("This ticket is no longer valid");
                assertThat(refunded.evaluate("window.stagedoorViewer.player")).isNull();
                browser.screenshot(refunded, "viewer-refunded");
                refunded.close();
            } finally {
                publisher.destroy();
                publisher.waitFor(10, TimeUnit.SECONDS);
            }

            // The organiser ends the show: the page offers the replay, which plays.
            fixture.organiser.events().end(show.id());
            Eventually.until("the ended page", Duration.ofSeconds(15), () -> visible(first, "#notice"));
            assertThat(first.locator("#notice-heading").textContent()).isEqualTo("The event has ended");
            assertThat(first.locator("#notice-text").textContent()).contains("replay is available until");
            browser.screenshot(first, "viewer-ended");
            first.locator("#replay").click();
            Eventually.until(
                    "the replay playing, " + browser.console(),
                    Duration.ofSeconds(30),
                    () -> visible(first, "#stage-panel") && currentTime(first) > 2);
            assertThat(first.locator("#go-live").isHidden()).isTrue();

            // A TV opens the ticket with a short code typed on its own page.
            first.locator("#tv-code").click();
            Eventually.until(
                    "a device code",
                    Duration.ofSeconds(10),
                    () -> first.locator("#tv-code-result .code").count() == 1);
            var code = first.locator("#tv-code-result .code").textContent();
            assertThat(code).matches("[A-Z2-9]{3}-[A-Z2-9]{3}");
            var tv = browser.open(fixture.base().resolve("/tv").toString());
            tv.getByLabel("Device code").fill(code.toLowerCase(java.util.Locale.ROOT));
            tv.keyboard().press("Enter");
            Eventually.until("the ticket on the TV", Duration.ofSeconds(10), () -> visible(tv, "#notice"));
            assertThat(tv.evaluate("document.body.classList.contains('tv')")).isEqualTo(true);
            assertThat(tv.locator("h1").textContent()).isEqualTo("Evening <Concert>");
            browser.screenshot(tv, "viewer-tv");
            // A code works once.
            var again = browser.open(fixture.base().resolve("/tv").toString());
            again.getByLabel("Device code").fill(code);
            again.keyboard().press("Enter");
            again.waitForSelector("#code-error");
            assertThat(again.locator("#code-error").textContent()).contains("not valid");
        }
    }

    /**
     * Whether the page counts down to {@code startsAt} as the server's clock sees it: within a minute of the real time
     * left (a busy machine takes a while between buying the ticket and opening its page), not an hour off as the
     * device's own clock would make it.
     */
    private static boolean countsDownTo(Page page, Instant startsAt) {
        if (!visible(page, "#waiting")) {
            return false;
        }
        long left = Duration.between(fixture.clock.instant(), startsAt).toMinutes();
        var minutes = Integer.parseInt(page.locator("#cd-minutes").textContent());
        return page.locator("#cd-days").textContent().equals("0")
                && page.locator("#cd-hours").textContent().equals("00")
                && Math.abs(minutes - left) <= 1;
    }

    private static int fetchStatus(Page page, String url) {
        return ((Number) page.evaluate("url => fetch(url, { cache: 'no-store' }).then(r => r.status)", url)).intValue();
    }

    private static boolean visible(Page page, String selector) {
        return page.locator(selector).isVisible();
    }

    private static double currentTime(Page page) {
        return ((Number) page.evaluate("document.getElementById('video').currentTime")).doubleValue();
    }
}
