package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.live.RenditionHealth;
import io.stagedoor.api.live.StreamAlert;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What streams may take of the machine: an event's recording stops at its disk budget (with a warning first and a
 * refusal of further publishes), nothing is taken when the disk's reserve for the database would be touched, and one
 * organiser's streams share a budget of transcodes. Real ffmpeg publishers, real disk.
 */
class IngestBudgetsIT {

    private static final long MIB = 1024L * 1024;

    @TempDir
    Path logs;

    @Test
    void anEventsRecordingStopsAtItsDiskBudgetAndFurtherPublishesAreRefused(@TempDir Path data) throws Exception {
        try (var server = StagedoorServer.start(
                TestServers.config(data, "--ingest.ladder=", "--ingest.event-disk-budget-mib=1"))) {
            var organiser = Organisers.signedIn(server.baseUri(), "Greedy Greg");
            var event = Organisers.eventOnSale(organiser, "Endless");
            var url = organiser.streams().endpoint(event.id()).publishUrl();
            // 800 kbps: a megabyte in about ten seconds.
            var publisher = Publishers.publish(url, Publishers.pattern(640, 360, 800, 60), logs.resolve("greedy.log"));
            try {
                Eventually.until(
                        "the publish ended at the budget",
                        Duration.ofSeconds(40),
                        () -> organiser.streams().health(event.id()).lastStop() == StreamStop.REFUSED);
                var health = organiser.streams().health(event.id());
                assertThat(health.state()).isEqualTo(StreamState.DISCONNECTED);
                assertThat(alert(health, "disk-budget").severity()).isEqualTo("error");
                assertThat(alert(health, "disk-budget").message()).contains("disk budget of 1 MiB");
            } finally {
                publisher.destroy();
            }
            assertThat(Publishers.refused(url, logs.resolve("again.log"))).contains("used up its disk budget");
        }
    }

    @Test
    void noPublishIsTakenWhenTheDiskKeptForTheDatabaseWouldBeTouched(@TempDir Path data) throws Exception {
        long free = Files.getFileStore(data).getUsableSpace() / MIB;
        try (var server = StagedoorServer.start(
                TestServers.config(data, "--ingest.ladder=", "--ingest.disk-reserve-mib=" + (free + 100_000)))) {
            var organiser = Organisers.signedIn(server.baseUri(), "Unlucky Una");
            var event = Organisers.eventOnSale(organiser, "No room");
            var url = organiser.streams().endpoint(event.id()).publishUrl();
            assertThat(Publishers.refused(url, logs.resolve("full.log"))).contains("disk is almost full");
            assertThat(organiser.streams().health(event.id()).state()).isEqualTo(StreamState.OFFLINE);
        }
    }

    @Test
    void oneOrganisersStreamsShareABudgetOfTranscodes(@TempDir Path data) throws Exception {
        try (var server = StagedoorServer.start(
                TestServers.config(data, "--ingest.ladder=160p30:250k", "--ingest.max-transcodes-per-organiser=1"))) {
            var busy = Organisers.signedIn(server.baseUri(), "Busy Bea");
            var other = Organisers.signedIn(server.baseUri(), "Other Otto");
            var first = Organisers.eventOnSale(busy, "Stage one");
            var second = Organisers.eventOnSale(busy, "Stage two");
            var elsewhere = Organisers.eventOnSale(other, "Elsewhere");
            var pattern = Publishers.pattern(640, 360, 800, 20);
            var publishers = new ArrayList<Process>();
            try {
                for (var event : List.of(first, second, elsewhere)) {
                    var client = event == elsewhere ? other : busy;
                    publishers.add(Publishers.publish(
                            client.streams().endpoint(event.id()).publishUrl(),
                            pattern,
                            logs.resolve(event.id() + ".log")));
                }
                Eventually.until(
                        "every stream packaged",
                        Duration.ofSeconds(40),
                        () -> renditions(busy.streams().health(first.id())) > 0
                                && renditions(busy.streams().health(second.id())) > 0
                                && renditions(other.streams().health(elsewhere.id())) > 0);
                var healths = List.of(
                        busy.streams().health(first.id()), busy.streams().health(second.id()));
                assertThat(healths)
                        .as(
                                "one of the organiser's two streams is transcoded, the other offered at the source's quality")
                        .filteredOn(h -> h.hasAlert("transcodes-capped"))
                        .singleElement()
                        .satisfies(h -> assertThat(names(h)).containsExactly("source"));
                // The others are transcoded: they offer the rung, unless this machine could not keep up with it
                // and dropped it (which says so).
                assertThat(healths)
                        .filteredOn(h -> !h.hasAlert("transcodes-capped"))
                        .singleElement()
                        .satisfies(IngestBudgetsIT::transcoded);
                var others = other.streams().health(elsewhere.id());
                assertThat(others.hasAlert("transcodes-capped"))
                        .as("another organiser's budget")
                        .isFalse();
                transcoded(others);
            } finally {
                publishers.forEach(Process::destroy);
            }
        }
    }

    private static StreamAlert alert(StreamHealth health, String code) {
        return health.alerts().stream()
                .filter(a -> a.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " alert in " + health.alerts()));
    }

    private static void transcoded(StreamHealth health) {
        if (!health.hasAlert("transcoder-slow")) {
            assertThat(names(health)).containsExactly("source", "160p30");
        }
    }

    private static int renditions(StreamHealth health) {
        return health.renditions().size();
    }

    private static List<String> names(StreamHealth health) {
        return health.renditions().stream().map(RenditionHealth::name).toList();
    }
}
