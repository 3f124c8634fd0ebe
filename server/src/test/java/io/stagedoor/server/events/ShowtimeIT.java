package io.stagedoor.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.ingest.Eventually;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Showtime under the organiser's control, with real publishers (Debian's ffmpeg) and a clock the test moves: a
 * publish before "Start show" is a rehearsal that leaves the event on sale however long ago it ended; a show on air
 * whose publisher is gone ends by itself only after its scheduled end; the replay is the show, not the rehearsal; an
 * ended event refuses publishes with the reason, and reopens; drafts and cancelled events refuse publishes; a show
 * can start by itself at its start time.
 */
class ShowtimeIT {

    @RegisterExtension
    static final ServerExtension shared = new ServerExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PROGRAM_DATE_TIME = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)");

    @TempDir
    Path logs;

    @Test
    void aRehearsalIsTheOrganisersTheShowIsTheTicketHoldersAndOnlyTheShowEndsByItself(@TempDir Path data)
            throws Exception {
        var clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (var server = StagedoorServer.start(
                TestServers.config(data, "--ingest.ladder=", "--ingest.end-after-minutes=30"), clock)) {
            var organiser = Organisers.signedIn(server.baseUri(), "Rehearsing Rita");
            var event = Organisers.eventOnSale(organiser, "Opening <night>");
            var endpoint = organiser.streams().endpoint(event.id());
            var streams = data.resolve("streams").resolve(event.id().toString());

            // A sound check the day before: received, packaged, seen by the organiser, and the event stays on sale.
            var soundCheck = Publishers.publish(
                    endpoint.publishUrl(), Publishers.pattern(640, 360, 800, 6), logs.resolve("sound-check.log"));
            Eventually.until(
                    "the rehearsal received",
                    Duration.ofSeconds(20),
                    () -> organiser.streams().health(event.id()).state() == StreamState.LIVE);
            var rehearsal = organiser.streams().health(event.id());
            assertThat(rehearsal.show().rehearsal()).isTrue();
            assertThat(rehearsal.show().onAirAt()).isNull();
            assertThat(organiser.events().get(event.id()).status()).isEqualTo(EventStatus.ON_SALE);
            assertThat(soundCheck.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Eventually.until(
                    "the rehearsal's publisher seen gone",
                    Duration.ofSeconds(15),
                    () -> organiser.streams().health(event.id()).state() == StreamState.DISCONNECTED);
            assertThat(organiser.streams().health(event.id()).lastStop()).isEqualTo(StreamStop.PUBLISHER_STOPPED);
            assertThat(streams).isDirectory();

            // Half an hour after the rehearsal ended, it is let go and its segments with it; the show is still to come.
            clock.advance(Duration.ofMinutes(31));
            Eventually.until(
                    "the rehearsal let go",
                    Duration.ofSeconds(10),
                    () -> organiser.streams().health(event.id()).state() == StreamState.OFFLINE
                            && !Files.exists(streams));
            assertThat(organiser.events().get(event.id()).status()).isEqualTo(EventStatus.ON_SALE);

            // The day of the show: another rehearsal, then "Start show" puts it on air and the show is published.
            var lastCheck = Publishers.publish(
                    endpoint.publishUrl(), Publishers.pattern(640, 360, 800, 6), logs.resolve("last-check.log"));
            var variant = URI.create(endpoint.previewUrl()).resolve("source/live.m3u8");
            Eventually.until("the rehearsal packaged", Duration.ofSeconds(20), () -> segments(variant) >= 1);
            assertThat(lastCheck.waitFor(30, TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofMinutes(1));
            var started = organiser.events().startShow(event.id());
            assertThat(started.status()).isEqualTo(EventStatus.LIVE);
            assertThat(started.onAirAt()).isEqualTo(clock.instant());
            assertThat(organiser.events().startShow(event.id()))
                    .as("Start show twice changes nothing")
                    .isEqualTo(started);
            assertThat(organiser.streams().health(event.id()).show().onAir()).isTrue();
            var show = Publishers.publish(
                    endpoint.publishUrl(), Publishers.pattern(640, 360, 800, 6), logs.resolve("show.log"));
            assertThat(show.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Eventually.until(
                    "the show's publisher seen gone",
                    Duration.ofSeconds(15),
                    () -> organiser.streams().health(event.id()).state() == StreamState.DISCONNECTED);

            // Gone for longer than end-after, but before the scheduled end: a break in the show, not its end.
            clock.advance(Duration.ofMinutes(31));
            Thread.sleep(3_000);
            assertThat(organiser.events().get(event.id()).status()).isEqualTo(EventStatus.LIVE);
            assertThat(organiser.streams().health(event.id()).state()).isEqualTo(StreamState.DISCONNECTED);

            // After the scheduled end (starts in 1 h, 120 min long), the show ends by itself.
            clock.advance(Duration.ofHours(3));
            Eventually.until(
                    "the show ends by itself",
                    Duration.ofSeconds(10),
                    () -> organiser.events().get(event.id()).status() == EventStatus.ENDED);
            var ended = organiser.events().get(event.id());
            assertThat(ended.endedBy()).isEqualTo(EndedBy.AUTOMATIC);
            assertThat(ended.endedAt()).isEqualTo(clock.instant());
            var health = organiser.streams().health(event.id());
            assertThat(health.state()).isEqualTo(StreamState.ENDED);
            assertThat(health.show().endedBy()).isEqualTo(EndedBy.AUTOMATIC);

            // The replay is the show: nothing of the rehearsal before "Start show".
            var replay = get(URI.create(endpoint.previewUrl()).resolve("source/replay.m3u8"));
            var times = PROGRAM_DATE_TIME
                    .matcher(replay)
                    .results()
                    .map(m -> Instant.parse(m.group(1)))
                    .toList();
            assertThat(times)
                    .isNotEmpty()
                    .allSatisfy(time ->
                            assertThat(time).isAfterOrEqualTo(started.onAirAt().minusSeconds(3)));
            assertThat(replay).endsWith("#EXT-X-ENDLIST\n");

            // An ended show refuses a publish and says why, in the publisher's own log.
            assertRefused(endpoint.publishUrl(), "The show has ended: reopen the event");

            // A mistaken end: reopened, it is on air again, as it had been; the organiser then ends it.
            var reopened = organiser.events().reopen(event.id());
            assertThat(reopened.status()).isEqualTo(EventStatus.LIVE);
            assertThat(reopened.endedAt()).isNull();
            assertThat(reopened.endedBy()).isNull();
            assertThat(reopened.onAirAt()).isEqualTo(started.onAirAt());
            var endedByYou = organiser.events().end(event.id());
            assertThat(endedByYou.endedBy()).isEqualTo(EndedBy.ORGANISER);
            assertThat(organiser.streams().health(event.id()).show().endedBy()).isEqualTo(EndedBy.ORGANISER);
            assertThat(organiser.streams().health(event.id()).lastStop()).isEqualTo(StreamStop.SHOW_ENDED);
        }
    }

    @Test
    void draftsEndedAndCancelledEventsRefusePublishesWithTheReason() throws Exception {
        var organiser = Organisers.signedIn(shared.baseUri(), "Careful Carl");
        var draft = organiser
                .events()
                .create(new EventDraft("Not yet", "", Instant.now().plus(Duration.ofDays(1)), "UTC", 60, null, null));
        assertRefused(organiser.streams().endpoint(draft.id()).publishUrl(), "The event is a draft");

        var cancelled = Organisers.eventOnSale(organiser, "Called off");
        var key = organiser.streams().endpoint(cancelled.id()).publishUrl();
        organiser.events().cancel(cancelled.id());
        assertRefused(key, "The event was cancelled");

        var over = Organisers.eventOnSale(organiser, "Over early");
        organiser.events().end(over.id());
        assertRefused(organiser.streams().endpoint(over.id()).publishUrl(), "The show has ended");
        assertThat(organiser.events().reopen(over.id()).status())
                .as("never on air: back on sale")
                .isEqualTo(EventStatus.ON_SALE);
    }

    @Test
    void startEndAndReopenAreTheOrganisersOwnAndRefuseWhatMakesNoSense() {
        var organiser = Organisers.signedIn(shared.baseUri(), "Strict Stella");
        var draft = organiser
                .events()
                .create(new EventDraft("Draft", "", Instant.now().plus(Duration.ofDays(1)), "UTC", 60, null, null));
        assertProblem(() -> organiser.events().startShow(draft.id()), 409, "publish the event first");
        var event = Organisers.eventOnSale(organiser, "Mine");
        assertProblem(() -> organiser.events().reopen(event.id()), 409, "Only an ended event can be reopened");

        try (var stranger = Organisers.signedIn(shared.baseUri(), "Stranger Steve")) {
            assertProblem(() -> stranger.events().startShow(event.id()), 404, "There is no event");
            assertProblem(() -> stranger.events().end(event.id()), 404, "There is no event");
            assertThat(organiser.events().end(event.id()).status()).isEqualTo(EventStatus.ENDED);
            assertProblem(() -> stranger.events().reopen(event.id()), 404, "There is no event");
        }
        assertProblem(() -> organiser.events().startShow(event.id()), 409, "reopen the event");
        assertProblem(() -> organiser.events().startShow(UUID.randomUUID()), 404, "There is no event");
    }

    @Test
    void aShowAskedToStartByItselfGoesOnAirAtItsStartTime(@TempDir Path data) throws Exception {
        var clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (var server = StagedoorServer.start(TestServers.config(data, "--ingest.ladder="), clock)) {
            var organiser = Organisers.signedIn(server.baseUri(), "Punctual Pat");
            var startsAt = clock.instant().plus(Duration.ofMinutes(5));
            var automatic = onSale(organiser, new EventDraft("By itself", "", startsAt, "UTC", 60, null, null, true));
            assertThat(automatic.autoStart()).isTrue();
            var manual = onSale(organiser, new EventDraft("By hand", "", startsAt, "UTC", 60, null, null));
            var changedMind = onSale(organiser, new EventDraft("Changed", "", startsAt, "UTC", 60, null, null, true));
            organiser
                    .events()
                    .update(changedMind.id(), new EventChanges(null, null, null, null, null, null, null, false));

            clock.advance(Duration.ofMinutes(4));
            Thread.sleep(2_000);
            assertThat(organiser.events().get(automatic.id()).status()).isEqualTo(EventStatus.ON_SALE);

            clock.advance(Duration.ofMinutes(1));
            Eventually.until(
                    "on air by itself",
                    Duration.ofSeconds(5),
                    () -> organiser.events().get(automatic.id()).status() == EventStatus.LIVE);
            assertThat(organiser.events().get(automatic.id()).onAirAt()).isNotNull();
            Thread.sleep(1_500);
            assertThat(organiser.events().get(manual.id()).status()).isEqualTo(EventStatus.ON_SALE);
            assertThat(organiser.events().get(changedMind.id()).status()).isEqualTo(EventStatus.ON_SALE);
        }
    }

    private static io.stagedoor.api.events.Event onSale(StagedoorClient organiser, EventDraft draft) {
        var event = organiser.events().create(draft);
        organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Stream", 900L, "EUR", 10, null, null, new TicketAccess(true, 0, false, 0)));
        return organiser.events().publish(event.id());
    }

    /** ffmpeg publishing to {@code url} is refused, and prints the server's reason. */
    private void assertRefused(String url, String reason) throws Exception {
        assertThat(Publishers.refused(url, logs.resolve("refused-" + UUID.randomUUID() + ".log")))
                .contains(reason);
    }

    private static void assertProblem(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.problem().detail()).contains(detail);
        });
    }

    private static long segments(URI variant) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(variant).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() != 200
                ? 0
                : response.body().lines().filter(l -> l.startsWith("#EXTINF")).count();
    }

    private static String get(URI uri) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
