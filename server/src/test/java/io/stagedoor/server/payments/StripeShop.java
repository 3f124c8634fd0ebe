package io.stagedoor.server.payments;

import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.Order;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.config.ServerConfig;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * A server selling through Stripe (the stand-in), an organiser with one event on sale, and the buyer's and Stripe's
 * moves: buy, pay, expire, refund, each notice signed as Stripe signs it. {@link #restart()} starts the server again
 * on the same data, as after a crash.
 */
final class StripeShop implements AutoCloseable {

    static final long SEAT_PRICE = 2500;

    final StripeStandIn stripe;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final Path dataDir;
    private final TestDatabase database;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger noticeIds = new AtomicInteger();
    private String email;
    /** Kept for restarts: on PostgreSQL each call would make a new, empty database. */
    private ServerConfig config;

    private StagedoorServer server;
    private StagedoorClient organiser;
    private StagedoorClient buyer;
    final UUID eventId;
    final TicketType seat;

    StripeShop(Path dataDir, int seats) throws Exception {
        this(dataDir, seats, TestDatabase.H2);
    }

    StripeShop(Path dataDir, int seats, TestDatabase database) throws Exception {
        this.dataDir = dataDir;
        this.database = database;
        this.stripe = new StripeStandIn();
        start();
        eventId = organiser
                .events()
                .create(new EventDraft(
                        "Quartet", "", clock.instant().plus(10, ChronoUnit.DAYS), "Europe/Paris", 90, null, null))
                .id();
        seat = organiser
                .ticketTypes()
                .create(
                        eventId,
                        new TicketTypeDraft(
                                "Seat", SEAT_PRICE, "EUR", seats, null, null, new TicketAccess(true, 24, false, 0)));
        organiser.events().publish(eventId);
    }

    private void start() {
        if (config == null) {
            config = database.config(
                    dataDir,
                    "--payments.stripe.secret-key=" + StripeStandIn.SECRET_KEY,
                    "--payments.stripe.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET,
                    "--payments.stripe.api-base=" + stripe.apiBase(),
                    "--payments.test.enabled=false",
                    "--checkout.purchases-per-address=1000");
        }
        server = StagedoorServer.start(config, clock);
        if (email == null) {
            organiser = Organisers.signedIn(server.baseUri(), "Stripe Organiser");
            email = organiser.accounts().me().email();
        } else {
            organiser = StagedoorClient.builder(server.baseUri()).build();
            organiser.accounts().signIn(new SignInRequest(email, Organisers.PASSWORD));
        }
        buyer = StagedoorClient.builder(server.baseUri()).maxRetries(0).build();
    }

    /** Stops the server and starts it again on the same database, as after the process died. */
    void restart() {
        buyer.close();
        organiser.close();
        server.close();
        start();
    }

    StagedoorServer server() {
        return server;
    }

    StagedoorClient organiser() {
        return organiser;
    }

    StagedoorClient buyer() {
        return buyer;
    }

    /** Starts buying {@code quantity} seats: the order waits for its payment on Stripe's page. */
    CheckoutResult buy(int quantity) {
        return buyer.checkout()
                .place(
                        new CheckoutRequest(
                                eventId,
                                new Buyer("Ada Lovelace", "ada@example.org"),
                                List.of(new CheckoutItem(seat.id(), quantity)),
                                null,
                                new PaymentChoice("stripe", null)),
                        null);
    }

    static String sessionId(CheckoutResult result) {
        var url = result.paymentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The payment intent Stripe makes when the buyer pays on the session's page. */
    static String paymentIntent(CheckoutResult result) {
        return "pi_" + sessionId(result);
    }

    /** Stripe's notice that the buyer paid, with a notice ID of its own each time (a new delivery). */
    int paid(CheckoutResult result) throws Exception {
        return notice(
                "checkout.session.completed",
                StripeStandIn.session(
                        sessionId(result),
                        "paid",
                        "complete",
                        paymentIntent(result),
                        result.receipt().orderId().toString()));
    }

    /** Stripe's notice that the payment page expired unpaid. */
    int expired(CheckoutResult result) throws Exception {
        return notice(
                "checkout.session.expired",
                StripeStandIn.session(
                        sessionId(result),
                        "unpaid",
                        "expired",
                        null,
                        result.receipt().orderId().toString()));
    }

    /** Stripe's notice that the payment was refunded in full (from its dashboard, or by our own request). */
    int refundedAtStripe(CheckoutResult result) throws Exception {
        return notice("charge.refunded", """
                {"id":"ch_%s","object":"charge","refunded":true,"payment_intent":"%s","amount":%d,"currency":"eur"}
                """.formatted(sessionId(result), paymentIntent(result), SEAT_PRICE));
    }

    private int notice(String type, String object) throws Exception {
        var event = StripeStandIn.event("evt_" + noticeIds.incrementAndGet(), type, object);
        var request = HttpRequest.newBuilder(server.baseUri().resolve("api/v1/payments/stripe/webhook"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", event.signature())
                .POST(HttpRequest.BodyPublishers.ofString(event.payload()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    Order order(CheckoutResult result) {
        return organiser.orders().get(eventId, result.receipt().orderId());
    }

    /** Tickets of the order that still open the stream. */
    int validTickets(CheckoutResult result) {
        return count(
                "SELECT COUNT(*) FROM ticket WHERE order_id = :order AND status = 'VALID'",
                result.receipt().orderId());
    }

    /** Tickets of the order ever issued, valid or not. */
    int issuedTickets(CheckoutResult result) {
        return count(
                "SELECT COUNT(*) FROM ticket WHERE order_id = :order",
                result.receipt().orderId());
    }

    /** E-mails written for the order, sent or not (the outbox worker may have sent them already). */
    int mails(CheckoutResult result) {
        return count(
                "SELECT COUNT(*) FROM outbox_message WHERE order_id = :order",
                result.receipt().orderId());
    }

    /** Seats neither sold nor held. */
    int available() {
        return organiser.ticketTypes().list(eventId).getFirst().available();
    }

    private int count(String sql, UUID orderId) {
        var db = server.config().database();
        return Jdbi.create(db.url(), db.user(), db.password())
                .withHandle(h -> h.createQuery(sql)
                        .bind("order", orderId)
                        .mapTo(Integer.class)
                        .one());
    }

    @Override
    public void close() {
        buyer.close();
        organiser.close();
        server.close();
        stripe.close();
    }
}
