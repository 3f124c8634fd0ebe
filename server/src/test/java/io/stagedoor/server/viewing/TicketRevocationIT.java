package io.stagedoor.server.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.Revocation;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.server.ingest.Eventually;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revoking one ticket, against a real server with a real publisher (Debian's ffmpeg) and a ticket bought with the test
 * card: playback stops within 10 s and the ticket's page says it is no longer valid, while the order and the sales
 * figures stay as they were; reinstating makes the same link play again. Only the event's organiser may do either, and
 * a ticket revoked with its refunded order cannot be reinstated.
 */
class TicketRevocationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    @TempDir
    static Path logs;

    private static ViewingFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ViewingFixture(dataDir, "--ingest.ladder=");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aRevokedTicketStopsPlayingWithoutARefundAndPlaysAgainOnceReinstated() throws Exception {
        var show = fixture.eventOnSale("Revocation Night", Duration.ofMinutes(10));
        var held = fixture.buy(show, "Hal", "hal@example.org");
        var orders = fixture.organiser.orders();
        var ticket = attendeeOf(show.id(), held.orderId());
        var orderBefore = orders.get(show.id(), held.orderId());
        var reportBefore = orders.report(show.id());

        var endpoint = fixture.organiser.streams().endpoint(show.id());
        var publisher = Publishers.publish(
                endpoint.publishUrl(), Publishers.pattern(640, 360, 800, 60), logs.resolve("publisher.log"));
        // The show is on air: ticket holders may play (before it, the stream is a rehearsal).
        fixture.organiser.events().startShow(show.id());
        try {
            Eventually.until(
                    "the stream playable for the ticket",
                    Duration.ofSeconds(30),
                    () -> state(held).get("playable").asBoolean());
            var master = masterPlaylist(fixture.startSession(held));
            assertThat(fixture.get(master).statusCode()).isEqualTo(200);

            var revoked = orders.revokeTicket(show.id(), ticket.ticketId());
            long revokedAt = System.nanoTime();
            assertThat(revoked.status()).isEqualTo(TicketStatus.REVOKED);
            assertThat(revoked.revocation()).isEqualTo(Revocation.ORGANISER);
            Eventually.until(
                    "the revoked ticket's playback refused",
                    Duration.ofSeconds(10),
                    () -> fixture.get(master).statusCode() == 403);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(10));
            assertThat(fixture.get(master).body()).contains("no longer valid");
            assertThat(fixture.startSession(held).statusCode()).isEqualTo(403);
            var page = Jsoup.parse(fixture.get(held.link()).body());
            assertThat(page.select("#notice-heading").text()).isEqualTo("This ticket is no longer valid");
            assertThat(state(held).get("phase").asString()).isEqualTo("REVOKED");

            // Asking again changes nothing and answers the same.
            assertThat(orders.revokeTicket(show.id(), ticket.ticketId())).isEqualTo(revoked);
            assertThat(attendeeOf(show.id(), held.orderId())).isEqualTo(revoked);

            // Not a refund: the order is still paid, the money and the figures did not move.
            var orderAfter = orders.get(show.id(), held.orderId());
            assertThat(orderAfter.status()).isEqualTo(OrderStatus.PAID);
            assertThat(orderAfter).isEqualTo(orderBefore);
            assertThat(orders.report(show.id())).isEqualTo(reportBefore);

            var reinstated = orders.reinstateTicket(show.id(), ticket.ticketId());
            assertThat(reinstated.status()).isEqualTo(TicketStatus.VALID);
            assertThat(reinstated.revocation()).isNull();
            assertThat(reinstated).isEqualTo(ticket);
            assertThat(orders.reinstateTicket(show.id(), ticket.ticketId())).isEqualTo(ticket);
            assertThat(state(held).get("phase").asString()).isEqualTo("LIVE");
            var again = masterPlaylist(fixture.startSession(held));
            assertThat(fixture.get(again).statusCode()).isEqualTo(200);
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onlyTheEventsOrganiserMayRevokeOrReinstateAndOthersLearnNothing() throws Exception {
        var show = fixture.eventOnSale("Private Matters", Duration.ofDays(2));
        var held = fixture.buy(show, "Ivy", "ivy@example.org");
        var ticket = attendeeOf(show.id(), held.orderId());

        try (var other = Organisers.signedIn(fixture.base(), "Other Organiser")) {
            var forRevoke = refusal(() -> other.orders().revokeTicket(show.id(), ticket.ticketId()));
            var unknown = refusal(() -> fixture.organiser.orders().revokeTicket(show.id(), UUID.randomUUID()));
            assertThat(forRevoke.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(refusal(() -> other.orders().reinstateTicket(show.id(), ticket.ticketId()))
                            .status())
                    .isEqualTo(404);
            assertThat(refusal(() -> fixture.organiser.orders().reinstateTicket(show.id(), UUID.randomUUID()))
                            .status())
                    .isEqualTo(404);
        }
        // Another event of the same organiser does not hold this ticket either.
        var elsewhere = fixture.eventOnSale("Elsewhere", Duration.ofDays(2));
        assertThat(refusal(() -> fixture.organiser.orders().revokeTicket(elsewhere.id(), ticket.ticketId()))
                        .status())
                .isEqualTo(404);

        for (var action : new String[] {"revoke", "reinstate"}) {
            var anonymous = fixture.http.send(
                    HttpRequest.newBuilder(fixture.base()
                                    .resolve("api/v1/events/" + show.id() + "/tickets/" + ticket.ticketId() + "/"
                                            + action))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(action).isEqualTo(401);
        }
        assertThat(attendeeOf(show.id(), held.orderId())).isEqualTo(ticket);
    }

    @Test
    void aTicketRevokedWithItsRefundedOrderCannotBeReinstated() throws Exception {
        var show = fixture.eventOnSale("Refund Night", Duration.ofDays(2));
        var refunded = fixture.buy(show, "Rex", "rex@example.org");
        var revokedFirst = fixture.buy(show, "Ros", "ros@example.org");
        var orders = fixture.organiser.orders();

        orders.refund(show.id(), refunded.orderId());
        var byRefund = attendeeOf(show.id(), refunded.orderId());
        assertThat(byRefund.revocation()).isEqualTo(Revocation.ORDER);
        var problem = refusal(() -> orders.reinstateTicket(show.id(), byRefund.ticketId()));
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.problem().detail()).contains(byRefund.ticketCode()).contains("refunded or cancelled");
        // Revoking it as well changes nothing: it stays revoked with its order.
        assertThat(orders.revokeTicket(show.id(), byRefund.ticketId())).isEqualTo(byRefund);

        // Revoked by the organiser, then refunded: the refund is final, no Undo brings it back.
        var ticket = attendeeOf(show.id(), revokedFirst.orderId());
        orders.revokeTicket(show.id(), ticket.ticketId());
        orders.refund(show.id(), revokedFirst.orderId());
        assertThat(attendeeOf(show.id(), revokedFirst.orderId()).revocation()).isEqualTo(Revocation.ORDER);
        assertThat(refusal(() -> orders.reinstateTicket(show.id(), ticket.ticketId()))
                        .status())
                .isEqualTo(409);
        assertThat(fixture.startSession(revokedFirst).statusCode()).isEqualTo(403);
    }

    private static Attendee attendeeOf(UUID eventId, UUID orderId) {
        return fixture.organiser.orders().attendees(eventId, 1, 100).items().stream()
                .filter(a -> a.orderId().equals(orderId))
                .findFirst()
                .orElseThrow();
    }

    private static ApiProblemException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("the server did not refuse");
    }

    private static JsonNode state(ViewingFixture.Bought ticket) throws Exception {
        return JSON.readTree(
                Jsoup.parse(fixture.get(ticket.link()).body()).body().attr("data-state"));
    }

    private static String masterPlaylist(HttpResponse<String> session) {
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        var json = JSON.readTree(session.body());
        return fixture.base().resolve(json.get("base").asString())
                + json.get("token").asString() + "/master.m3u8";
    }
}
