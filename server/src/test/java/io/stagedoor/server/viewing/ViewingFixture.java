package io.stagedoor.server.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A server with real SMTP (GreenMail) for the viewing tests, on a clock that follows real time and can be moved ahead,
 * with an organiser who sets up events and buyers who buy tickets with the test card and get their links by e-mail.
 */
final class ViewingFixture implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/t/[A-Za-z0-9_-]{43})");

    /** Real time, plus whatever the test has skipped. */
    static final class SkippingClock extends Clock {
        private volatile Duration skipped = Duration.ZERO;

        void skip(Duration duration) {
            skipped = skipped.plus(duration);
        }

        void back() {
            skipped = Duration.ZERO;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(skipped);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("tests use UTC");
        }
    }

    /** A ticket bought: its order, and the Watch link from its e-mail. */
    record Bought(UUID orderId, String link) {

        String secret() {
            return link.substring(link.lastIndexOf('/') + 1);
        }
    }

    final SkippingClock clock = new SkippingClock();
    final GreenMail smtp;
    final StagedoorServer server;
    final StagedoorClient organiser;
    final HttpClient http = HttpClient.newHttpClient();
    private int mails;

    ViewingFixture(Path dataDir, String... flags) {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        var all = new java.util.ArrayList<>(List.of(
                "--mail.smtp.host=127.0.0.1",
                "--mail.smtp.port=" + smtp.getSmtp().getPort(),
                "--mail.smtp.security=none",
                "--mail.from=Tickets <tickets@show.example.org>"));
        all.addAll(List.of(flags));
        server = StagedoorServer.start(TestServers.config(dataDir, all.toArray(String[]::new)), clock);
        organiser = Organisers.signedIn(server.baseUri(), "Show Runner");
    }

    URI base() {
        return server.baseUri();
    }

    /** An event on sale that starts in {@code startsIn}, with one ticket type granting live and 48 h of replay. */
    Event eventOnSale(String title, Duration startsIn) {
        var event = organiser
                .events()
                .create(new EventDraft(
                        title,
                        "Live from the main stage.",
                        clock.instant().plus(startsIn),
                        "Europe/Vienna",
                        90,
                        "#7A1F5C",
                        null));
        organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Stream", 1500L, "EUR", 100, null, null, new TicketAccess(true, 48, false, 0)));
        return organiser.events().publish(event.id());
    }

    /** Buys one ticket with the test card and reads its Watch link from the e-mail that GreenMail received. */
    Bought buy(Event event, String name, String email) throws Exception {
        var type = organiser.ticketTypes().list(event.id()).getFirst();
        UUID orderId;
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            orderId = buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    event.id(),
                                    new Buyer(name, email),
                                    List.of(new CheckoutItem(type.id(), 1)),
                                    null,
                                    new PaymentChoice("test", "4242424242424242")),
                            null)
                    .receipt()
                    .orderId();
        }
        server.deliverMailNow();
        int index = mails++;
        assertThat(smtp.waitForIncomingEmail(10_000, index + 1)).isTrue();
        var message = smtp.getReceivedMessages()[index];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
        var body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
        var link = LINK.matcher(body)
                .results()
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Watch link in the e-mail: " + body));
        return new Bought(orderId, link);
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a viewing session as the ticket's page does. */
    HttpResponse<String> startSession(Bought ticket) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(ticket.link() + "/sessions"))
                        .header("Content-Type", "application/json")
                        .header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        organiser.close();
        server.close();
        smtp.stop();
    }
}
