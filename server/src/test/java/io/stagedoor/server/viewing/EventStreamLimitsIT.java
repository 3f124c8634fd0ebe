package io.stagedoor.server.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.ingest.Eventually;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live updates hold a connection each for as long as their page stays open, so they are counted: per client address,
 * per event and in all. Beyond a limit the answer is 429 with Retry-After, and a closed page makes room again. The
 * client addresses come from {@code X-Forwarded-For}, sent as a trusted proxy would.
 */
class EventStreamLimitsIT {

    @TempDir
    static Path dataDir;

    private static ViewingFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ViewingFixture(
                dataDir,
                "--ingest.ladder=",
                "--http.trusted-proxies=127.0.0.1",
                "--event-streams.per-address=2",
                "--event-streams.per-event=3");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void liveUpdatesAreCountedPerAddressAndPerEventAndAClosedPageMakesRoom() throws Exception {
        var show = fixture.eventOnSale("Crowded", Duration.ofMinutes(20));
        var ticket = fixture.buy(show, "Ada", "ada@example.org");
        var open = new ArrayList<InputStream>();
        try {
            var first = follow(ticket, "203.0.113.1");
            assertThat(first.statusCode()).isEqualTo(200);
            open.add(first.body());
            var second = follow(ticket, "203.0.113.1");
            assertThat(second.statusCode()).isEqualTo(200);
            open.add(second.body());

            var third = follow(ticket, "203.0.113.1");
            assertThat(third.statusCode()).as("a third from one address").isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(new String(third.body().readAllBytes())).contains("network address");

            var elsewhere = follow(ticket, "198.51.100.7");
            assertThat(elsewhere.statusCode()).as("another address").isEqualTo(200);
            open.add(elsewhere.body());
            var fourth = follow(ticket, "198.51.100.8");
            assertThat(fourth.statusCode()).as("a fourth about one event").isEqualTo(429);
            assertThat(fourth.headers().firstValue("Retry-After")).isPresent();

            // A page closes: its place is free again once the server notices, at its next update.
            open.removeFirst().close();
            Eventually.until("room again for the first address", Duration.ofSeconds(10), () -> {
                var again = follow(ticket, "203.0.113.1");
                if (again.statusCode() == 200) {
                    open.add(again.body());
                    return true;
                }
                again.body().close();
                return false;
            });
        } finally {
            for (var stream : open) {
                stream.close();
            }
        }
    }

    private static HttpResponse<InputStream> follow(ViewingFixture.Bought ticket, String address) throws Exception {
        return fixture.http.send(
                HttpRequest.newBuilder(URI.create(ticket.link() + "/events"))
                        .header("Accept", "text/event-stream")
                        .header("X-Forwarded-For", address)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }
}
