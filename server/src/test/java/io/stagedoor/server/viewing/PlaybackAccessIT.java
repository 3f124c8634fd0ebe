package io.stagedoor.server.viewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagedoor.server.ingest.Eventually;
import io.stagedoor.server.testing.Publishers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who gets playlists and segments, checked by plain HTTP against a real server with a real publisher (Debian's
 * ffmpeg) and tickets bought with the test card, their links read from the e-mails GreenMail received: no token, a
 * forged one, an expired one and another event's are refused; a second device takes over from the first; a refund
 * stops playback; starting to play is rate-limited; and no ticket secret ever reaches the log.
 */
class PlaybackAccessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RENDITION = Pattern.compile("(?m)^([a-z0-9]+)/live\\.m3u8$");
    private static final Pattern SEGMENT = Pattern.compile("(?m)^(seg-\\d+\\.ts)$");

    @TempDir
    static Path dataDir;

    @TempDir
    static Path logs;

    private static ViewingFixture fixture;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        LOG.start();
        fixture = new ViewingFixture(dataDir, "--ingest.ladder=");
    }

    @AfterAll
    static void stop() {
        fixture.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    @Test
    void onlyTheCurrentSessionOfAValidTicketIsServed() throws Exception {
        var show = fixture.eventOnSale("Access <Night>", Duration.ofMinutes(10));
        var other = fixture.eventOnSale("Another show", Duration.ofMinutes(10));
        var ada = fixture.buy(show, "Ada", "ada@example.org");
        var refunded = fixture.buy(show, "Rafe", "rafe@example.org");
        var stranger = fixture.buy(other, "Sam", "sam@example.org");
        var sessions = new java.util.ArrayList<String>();

        // In the waiting room: the page is there, playing is not.
        var page = fixture.get(ada.link());
        assertThat(page.statusCode()).isEqualTo(200);
        var state = JSON.readTree(Jsoup.parse(page.body()).body().attr("data-state"));
        assertThat(state.get("phase").asString()).isEqualTo("WAITING");
        assertThat(page.body()).contains("Access &lt;Night&gt;").doesNotContain("Access <Night>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        var early = fixture.startSession(ada);
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(early.body()).contains("has not started yet");
        assertThat(fixture.get(ada.link().replaceFirst(".{4}$", "AAAA")).statusCode())
                .isEqualTo(404);

        // A form posted from another site cannot start playing.
        assertThat(fixture.http
                        .send(
                                HttpRequest.newBuilder(URI.create(ada.link() + "/sessions"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString("a=b"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(415);
        assertThat(fixture.http
                        .send(
                                HttpRequest.newBuilder(URI.create(ada.link() + "/sessions"))
                                        .header("Content-Type", "application/json")
                                        .header("Sec-Fetch-Site", "cross-site")
                                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);

        var endpoint = fixture.organiser.streams().endpoint(show.id());
        var publisher = Publishers.publish(
                endpoint.publishUrl(), Publishers.pattern(640, 360, 800, 60), logs.resolve("publisher.log"));
        // The show is on air: ticket holders may play (before it, the stream is a rehearsal).
        fixture.organiser.events().startShow(show.id());
        try {
            Eventually.until(
                    "the stream playable for ticket holders",
                    Duration.ofSeconds(30),
                    () -> JSON.readTree(Jsoup.parse(fixture.get(ada.link()).body())
                                    .body()
                                    .attr("data-state"))
                            .get("playable")
                            .asBoolean());
            var first = session(fixture.startSession(ada));
            sessions.add(first.session());
            var master = first.url("master.m3u8");
            var masterBody = ok(master);
            var rendition = find(RENDITION, masterBody);
            var media = first.url(rendition + "/live.m3u8");
            var segment = first.url(rendition + "/" + find(SEGMENT, ok(media)));
            assertThat(fixture.get(segment).statusCode()).isEqualTo(200);
            assertThat(fixture.get(first.url("access")).statusCode())
                    .as("the check a CDN's edge asks")
                    .isEqualTo(204);
            // A viewer's token plays; it never opens the technician's health page or its updates.
            assertThat(fixture.get(first.url("health")).statusCode()).isEqualTo(403);
            assertThat(fixture.http
                            .send(
                                    HttpRequest.newBuilder(URI.create(first.url("health/events")))
                                            .header("Accept", "text/event-stream")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(403);
            // Another ticket's page cannot have tokens made for this ticket's session, nor hear its state.
            var foreign = firstEvent(refunded, first.session());
            assertThat(foreign.has("token")).as(foreign.toString()).isFalse();
            assertThat(foreign.has("session")).as(foreign.toString()).isFalse();
            assertThat(firstEvent(ada, first.session()).has("token")).isTrue();

            // No token, a forged one, another event's: 403. Expired: 410.
            var noToken = fixture.base().resolve("/live/" + show.id() + "/master.m3u8");
            assertThat(fixture.get(noToken.toString()).statusCode()).isEqualTo(403);
            for (var url : new String[] {master, media, segment}) {
                var forged = url.replace(
                        first.token(), first.token().substring(0, first.token().length() - 4) + "AAAA");
                assertThat(fixture.get(forged).statusCode())
                        .as("forged: " + forged)
                        .isEqualTo(403);
                var otherToken =
                        tokenOf(fixture.organiser.streams().endpoint(other.id()).previewUrl());
                assertThat(fixture.get(url.replace(first.token(), otherToken)).statusCode())
                        .as("another event's token")
                        .isEqualTo(403);
            }
            assertThat(fixture.startSession(stranger).statusCode())
                    .as("the other event has not started")
                    .isEqualTo(403);
            fixture.clock.skip(ViewingService.TOKEN_VALIDITY.plusMinutes(1));
            try {
                assertThat(fixture.get(master).statusCode()).as("expired").isEqualTo(410);
                assertThat(fixture.get(segment).statusCode()).as("expired").isEqualTo(410);
            } finally {
                fixture.clock.back();
            }
            assertThat(fixture.get(master).statusCode()).isEqualTo(200);

            // A second device takes over: the first one's token stops working, and its page hears why.
            var second = session(fixture.startSession(ada));
            sessions.add(second.session());
            assertThat(fixture.get(second.url("master.m3u8")).statusCode()).isEqualTo(200);
            Eventually.until(
                    "the first session refused",
                    Duration.ofSeconds(10),
                    () -> fixture.get(media).statusCode() == 403);
            assertThat(fixture.get(media).body()).contains("another device");
            assertThat(fixture.get(segment).statusCode()).isEqualTo(403);
            assertThat(fixture.get(first.url("access")).statusCode()).isEqualTo(403);
            assertThat(firstEvent(ada, first.session()).get("session").asString())
                    .isEqualTo("REPLACED");
            var followed = firstEvent(ada, second.session());
            assertThat(followed.get("session").asString()).isEqualTo("ACTIVE");
            // The page's events bring a renewed token at once, which plays like the first.
            var renewed = new Session(
                    second.session(), second.base(), followed.get("token").asString());
            assertThat(fixture.get(renewed.url("master.m3u8")).statusCode()).isEqualTo(200);

            // A refund stops playback within 10 s.
            var doomed = session(fixture.startSession(refunded));
            var doomedMedia = doomed.url(rendition + "/live.m3u8");
            ok(doomedMedia);
            fixture.organiser.orders().refund(show.id(), refunded.orderId());
            long refundedAt = System.nanoTime();
            Eventually.until(
                    "the refunded session refused",
                    Duration.ofSeconds(10),
                    () -> fixture.get(doomedMedia).statusCode() == 403);
            assertThat(Duration.ofNanos(System.nanoTime() - refundedAt)).isLessThan(Duration.ofSeconds(10));
            assertThat(fixture.get(doomedMedia).body()).contains("refunded");
            assertThat(fixture.startSession(refunded).statusCode()).isEqualTo(403);
            assertThat(firstEvent(refunded, null).get("phase").asString()).isEqualTo("REVOKED");

            // Starting to play is rate-limited per address.
            int status = 0;
            for (int i = 0; i < 40 && status != 429; i++) {
                var response = fixture.startSession(ada);
                status = response.statusCode();
                if (status == 429) {
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(response.body()).contains("Too many requests to start playing");
                }
            }
            assertThat(status).isEqualTo(429);
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }

        // Ticket secrets and session IDs never reach the log, whatever was asked.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        LOG.stop();
        var secrets =
                new String[] {ada.secret(), refunded.secret(), stranger.secret(), sessions.get(0), sessions.get(1)};
        assertThat(LOG.list).isNotEmpty().allSatisfy(event -> {
            for (var secret : secrets) {
                assertThat(event.getFormattedMessage()).doesNotContain(secret);
            }
        });
    }

    @Test
    void theOrganisersLinksOpenOnlyWhatTheyAreForAndDieWithRenewalOrANewKey() throws Exception {
        var show = fixture.eventOnSale("Links <Night>", Duration.ofMinutes(30));
        var endpoint = fixture.organiser.streams().endpoint(show.id());
        var previewToken = tokenOf(endpoint.previewUrl());
        var healthToken = tokenOf(endpoint.healthPageUrl());
        var base = fixture.base().resolve("/live/" + show.id() + "/").toString();

        assertThat(fixture.get(endpoint.healthPageUrl()).statusCode()).isEqualTo(200);
        assertThat(fixture.get(base + previewToken + "/health").statusCode())
                .as("the preview link does not open the health page")
                .isEqualTo(403);
        assertThat(fixture.get(base + healthToken + "/master.m3u8").statusCode())
                .as("the health link does not play")
                .isEqualTo(403);
        assertThat(fixture.get(base + healthToken + "/watch").statusCode()).isEqualTo(403);
        assertThat(fixture.get(endpoint.previewUrl()).statusCode())
                .as("a genuine preview link: nothing to play yet")
                .isEqualTo(404);

        // Renewed links: the old ones stop working within seconds, the new ones work; the key stays.
        var renewed = fixture.organiser.streams().renewLinks(show.id());
        assertThat(renewed.streamKey()).isEqualTo(endpoint.streamKey());
        Eventually.until(
                "the old links refused",
                Duration.ofSeconds(5),
                () -> fixture.get(endpoint.healthPageUrl()).statusCode() == 403
                        && fixture.get(endpoint.previewUrl()).statusCode() == 403);
        assertThat(fixture.get(renewed.healthPageUrl()).statusCode()).isEqualTo(200);

        // A new stream key ends the links too.
        var rotated = fixture.organiser.streams().rotateKey(show.id());
        assertThat(rotated.streamKey()).isNotEqualTo(endpoint.streamKey());
        Eventually.until(
                "the links of the old key refused",
                Duration.ofSeconds(5),
                () -> fixture.get(renewed.healthPageUrl()).statusCode() == 403);
        assertThat(fixture.get(rotated.healthPageUrl()).statusCode()).isEqualTo(200);
        assertThat(fixture.get(rotated.previewUrl()).statusCode()).isEqualTo(404);

        // Another organiser can neither renew nor read them.
        try (var stranger = io.stagedoor.server.testing.Organisers.signedIn(fixture.base(), "Link Thief")) {
            assertThatThrownBy(() -> stranger.streams().renewLinks(show.id()))
                    .isInstanceOf(io.stagedoor.client.ApiProblemException.class)
                    .extracting(e -> ((io.stagedoor.client.ApiProblemException) e).status())
                    .isEqualTo(404);
        }
    }

    private record Session(String session, String base, String token) {
        String url(String file) {
            return base + token + "/" + file;
        }
    }

    private static Session session(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var json = JSON.readTree(response.body());
        return new Session(
                json.get("session").asString(),
                fixture.base().resolve(json.get("base").asString()).toString(),
                json.get("token").asString());
    }

    private static String ok(String url) throws Exception {
        var response = fixture.get(url);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String find(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + text).isTrue();
        return m.group(1);
    }

    private static String tokenOf(String previewUrl) {
        var m = Pattern.compile("/live/[^/]+/([^/]+)/").matcher(previewUrl);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The first state the ticket's page would hear over server-sent events. */
    private static JsonNode firstEvent(ViewingFixture.Bought ticket, String session) throws Exception {
        var url = ticket.link() + "/events" + (session == null ? "" : "?session=" + session);
        var response = fixture.http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var lines = response.body()) {
            var data = lines.filter(line -> line.startsWith("data:"))
                    .findFirst()
                    .orElseThrow()
                    .substring(5)
                    .strip();
            return JSON.readTree(data);
        }
    }
}
