package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After the sale: refunds, resent tickets, a cancelled event, and e-mail that must get through. */
class OrderManagementIT {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/t/[A-Za-z0-9_-]{43})");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final HttpClient http = HttpClient.newHttpClient();
    private StagedoorServer server;
    private StagedoorClient organiser;
    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (organiser != null) {
            organiser.close();
        }
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private void startWithSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        server = StagedoorServer.start(
                TestServers.config(
                        dataDir, "--mail.smtp.host=127.0.0.1", "--mail.smtp.port=" + port, "--mail.smtp.security=none"),
                clock);
        organiser = Organisers.signedIn(server.baseUri(), "After Sales");
    }

    private UUID publishedEvent(String title) {
        var event = organiser
                .events()
                .create(new EventDraft(title, "", clock.instant().plus(5, ChronoUnit.DAYS), "UTC", 60, null, null));
        organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Seat", 1200L, "EUR", 50, null, null, new TicketAccess(true, 12, false, 0)));
        organiser.events().publish(event.id());
        return event.id();
    }

    private CheckoutResult buy(UUID eventId, int seats) {
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            var type = organiser.ticketTypes().list(eventId).getFirst();
            return buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    eventId,
                                    new Buyer("Heidi", "heidi@example.org"),
                                    List.of(new CheckoutItem(type.id(), seats)),
                                    null,
                                    new PaymentChoice("test", "4242424242424242")),
                            null);
        }
    }

    private List<String> links(int mailIndex) throws Exception {
        server.deliverMailNow();
        assertThat(smtp.waitForIncomingEmail(10_000, mailIndex + 1)).isTrue();
        var body = GreenMailUtil.getBody(smtp.getReceivedMessages()[mailIndex]);
        return LINK.matcher(body.replace("=\r\n", ""))
                .results()
                .map(m -> m.group(1))
                .distinct()
                .toList();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefundRevokesTheTicketsAndTheirPagesSaySo() throws Exception {
        startWithSmtp(freePort());
        var event = publishedEvent("Refundable");
        var order = buy(event, 2);
        var links = links(0);
        assertThat(links).hasSize(2);

        var refunded = organiser.orders().refund(event, order.receipt().orderId());

        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        var page = Jsoup.parse(get(links.getFirst()).body());
        assertThat(page.select("#notice").hasAttr("hidden")).isFalse();
        assertThat(page.select("#notice-heading").text()).isEqualTo("This ticket is no longer valid");
        assertThat(page.select("#notice-text").text()).contains("refunded");
        var secret = links.getFirst().substring(links.getFirst().lastIndexOf('/') + 1);
        assertThat(organiser.tickets().view(secret).status()).isEqualTo(TicketStatus.REVOKED);
        assertThat(organiser.ticketTypes().list(event).getFirst().available()).isEqualTo(50);
    }

    @Test
    void resendingGivesNewLinksAndTheOldOnesStopWorking() throws Exception {
        startWithSmtp(freePort());
        var event = publishedEvent("Resendable");
        var order = buy(event, 1);
        var first = links(0);

        organiser.orders().resendTickets(event, order.receipt().orderId());
        var second = links(1);

        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(smtp.getReceivedMessages()[1].getSubject()).startsWith("Your tickets again:");
        assertThat(get(first.getFirst()).statusCode()).isEqualTo(404);
        assertThat(get(second.getFirst()).statusCode()).isEqualTo(200);
        assertThat(organiser.orders().attendees(event, 1, 10).items())
                .extracting(a -> a.status())
                .containsExactly(TicketStatus.VALID);
    }

    @Test
    void cancellingAnEventRefundsEveryOrderAndSaysSoOnItsPage() throws Exception {
        startWithSmtp(freePort());
        var event = publishedEvent("Rained Off");
        buy(event, 1);
        buy(event, 3);

        var cancellation = organiser.events().cancel(event);

        assertThat(cancellation.event().status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(cancellation.refundedOrders()).isEqualTo(2);
        assertThat(cancellation.refundFailures()).isEmpty();
        assertThat(organiser.orders().attendees(event, 1, 10).items())
                .extracting(a -> a.status())
                .containsOnly(TicketStatus.REVOKED);
        var slug = organiser.events().get(event).slug();
        var page = Jsoup.parse(get(server.baseUri() + "e/" + slug).body());
        assertThat(page.text()).contains("This event has been cancelled");
    }

    @Test
    void mailWaitsOutAnSmtpOutageAndIsDeliveredWithBackoff() throws Exception {
        int port = freePort();
        startWithSmtp(port);
        var event = publishedEvent("Patient Mail");
        smtp.stop();

        buy(event, 1);
        assertThat(server.deliverMailNow()).isZero();
        var db = Jdbi.create(server.config().database().url());
        var afterFailure = db.withHandle(
                h -> h.createQuery("SELECT status, attempts, last_error, next_attempt_at FROM outbox_message")
                        .mapToMap()
                        .one());
        assertThat(afterFailure.get("status")).isEqualTo("PENDING");
        assertThat(afterFailure.get("attempts")).isEqualTo(1);
        assertThat((String) afterFailure.get("last_error")).contains("Could not reach the mail server");

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(server.deliverMailNow()).as("not due before its backoff").isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(server.deliverMailNow()).isEqualTo(1);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        var sent = db.withHandle(h -> h.createQuery("SELECT status, html_body, text_body FROM outbox_message")
                .mapToMap()
                .one());
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("html_body"))
                .as("a sent body, with its ticket links, is erased")
                .isNull();
        assertThat(sent.get("text_body")).isNull();
    }

    @Test
    void withoutSmtpMailIsKeptOnALocalOutboxPageThatOnlyThisMachineSees() throws Exception {
        server = StagedoorServer.start(TestServers.config(dataDir), clock);
        organiser = Organisers.signedIn(server.baseUri(), "Local Only");
        var event = publishedEvent("Kept Mail");
        buy(event, 1);
        assertThat(server.deliverMailNow()).isEqualTo(1);

        var outbox = Jsoup.parse(get(server.baseUri() + "outbox").body());
        var message = outbox.select("a[href^=/outbox/]");
        assertThat(message.text()).isEqualTo("Your tickets: Kept Mail");
        var mail = Jsoup.parse(
                get(server.baseUri() + message.attr("href").substring(1)).body());
        var watch = mail.select("a:containsOwn(Watch)").attr("href");
        assertThat(get(watch).statusCode())
                .as("the kept e-mail's Watch link works")
                .isEqualTo(200);

        var viaProxy = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUri() + "outbox"))
                        .header("X-Forwarded-For", "203.0.113.7")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaProxy.statusCode()).isEqualTo(404);
    }
}
