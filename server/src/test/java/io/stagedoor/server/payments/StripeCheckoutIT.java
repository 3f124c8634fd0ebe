package io.stagedoor.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stripe Checkout through the official stripe-java SDK. Stripe's servers cannot be reached from here, so
 * {@link StripeStandIn} answers the SDK's two calls in Stripe's format: this is the one fake in the test suite.
 * Everything else is real: the SDK, webhook signatures checked by the SDK, the server and its database.
 */
class StripeCheckoutIT {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final HttpClient http = HttpClient.newHttpClient();
    private StripeStandIn stripe;
    private StagedoorServer server;
    private StagedoorClient organiser;
    private StagedoorClient buyer;
    private UUID eventId;
    private TicketType seats;

    @BeforeEach
    void start() throws Exception {
        stripe = new StripeStandIn();
        server = StagedoorServer.start(
                TestServers.config(
                        dataDir,
                        "--payments.stripe.secret-key=" + StripeStandIn.SECRET_KEY,
                        "--payments.stripe.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET,
                        "--payments.stripe.api-base=" + stripe.apiBase(),
                        "--payments.test.enabled=false"),
                clock);
        organiser = Organisers.signedIn(server.baseUri(), "Stripe Organiser");
        eventId = organiser
                .events()
                .create(new EventDraft(
                        "Opening Night", "", clock.instant().plus(10, ChronoUnit.DAYS), "Europe/Paris", 90, null, null))
                .id();
        seats = organiser
                .ticketTypes()
                .create(
                        eventId,
                        new TicketTypeDraft(
                                "Seat", 3333L, "EUR", 10, null, null, new TicketAccess(true, 24, false, 0)));
        organiser.events().publish(eventId);
        buyer = StagedoorClient.builder(server.baseUri()).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        buyer.close();
        organiser.close();
        server.close();
        stripe.close();
    }

    private CheckoutResult buyTwo(String idempotencyKey) {
        return buyer.checkout()
                .place(
                        new CheckoutRequest(
                                eventId,
                                new Buyer("Ada Lovelace", "ada@example.org"),
                                List.of(new CheckoutItem(seats.id(), 2)),
                                null,
                                new PaymentChoice("stripe", null)),
                        idempotencyKey);
    }

    private HttpResponse<String> webhook(String payload, String signature) throws Exception {
        var request = HttpRequest.newBuilder(server.baseUri().resolve("api/v1/payments/stripe/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sessionId(CheckoutResult result) {
        var url = result.paymentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> paid(CheckoutResult result, String eventId) throws Exception {
        var event = StripeStandIn.event(
                eventId,
                "checkout.session.completed",
                StripeStandIn.session(
                        sessionId(result),
                        "paid",
                        "complete",
                        "pi_" + sessionId(result),
                        result.receipt().orderId().toString()));
        return webhook(event.payload(), event.signature());
    }

    private int tickets() {
        return count("SELECT COUNT(*) FROM ticket");
    }

    private int count(String sql) {
        var db = server.config().database();
        return Jdbi.create(db.url(), db.user(), db.password())
                .withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void theBuyerPaysOnStripeAndTheSignedWebhookIssuesTheTickets() throws Exception {
        var result = buyTwo(null);

        assertThat(result.receipt().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(result.paymentUrl()).startsWith("https://checkout.stripe.test/c/pay/cs_test_standin_");
        var created = stripe.calls().getFirst();
        assertThat(created.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(created.authorization()).isEqualTo("Bearer " + StripeStandIn.SECRET_KEY);
        assertThat(created.form())
                .containsEntry("mode", "payment")
                .containsEntry("client_reference_id", result.receipt().orderId().toString())
                .containsEntry("customer_email", "ada@example.org")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][unit_amount]", "6666")
                .containsEntry(
                        "success_url",
                        server.baseUri() + "orders/" + result.receipt().orderId() + "/paid");
        assertThat(Long.parseLong(created.form().get("expires_at")))
                .isGreaterThanOrEqualTo(
                        clock.instant().plus(Duration.ofMinutes(30)).getEpochSecond());
        assertThat(organiser.ticketTypes().list(eventId).getFirst().reserved()).isEqualTo(2);
        assertThat(tickets()).isZero();

        assertThat(paid(result, "evt_paid_1").statusCode()).isEqualTo(204);

        var order = organiser.orders().get(eventId, result.receipt().orderId());
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.feeMinor()).isEqualTo(733); // 11 % of 66.66 = 7.3326
        assertThat(tickets()).isEqualTo(2);
        var seat = organiser.ticketTypes().list(eventId).getFirst();
        assertThat(List.of(seat.sold(), seat.reserved())).containsExactly(2, 0);

        // Stripe delivers at least once: the same notice again changes nothing.
        assertThat(paid(result, "evt_paid_1").statusCode()).isEqualTo(204);
        assertThat(tickets()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM outbox_message"))
                .as("one e-mail, whether or not the outbox worker has sent it yet")
                .isEqualTo(1);
    }

    @Test
    void aWebhookWithoutStripesSignatureIsRefusedAndChangesNothing() throws Exception {
        var result = buyTwo(null);
        var event = StripeStandIn.event(
                "evt_forged",
                "checkout.session.completed",
                StripeStandIn.session(
                        sessionId(result),
                        "paid",
                        "complete",
                        "pi_x",
                        result.receipt().orderId().toString()));

        var forged = webhook(event.payload(), StripeStandIn.sign(event.payload(), "whsec_someone_else"));
        var unsigned = webhook(event.payload(), null);
        var tampered = webhook(event.payload().replace("\"paid\"", "\"paid\" "), event.signature());

        for (var response : List.of(forged, unsigned, tampered)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"field\":\"Stripe-Signature\"");
        }
        assertThat(organiser.orders().get(eventId, result.receipt().orderId()).status())
                .isEqualTo(OrderStatus.PENDING);
        assertThat(tickets()).isZero();
    }

    @Test
    void anExpiredPaymentPageReleasesTheSeats() throws Exception {
        var result = buyTwo(null);
        var event = StripeStandIn.event(
                "evt_expired",
                "checkout.session.expired",
                StripeStandIn.session(
                        sessionId(result),
                        "unpaid",
                        "expired",
                        null,
                        result.receipt().orderId().toString()));

        assertThat(webhook(event.payload(), event.signature()).statusCode()).isEqualTo(204);

        assertThat(organiser.orders().get(eventId, result.receipt().orderId()).status())
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(organiser.ticketTypes().list(eventId).getFirst().available()).isEqualTo(10);
    }

    @Test
    void aRefundGoesThroughStripeAndRevokesTheTickets() throws Exception {
        var result = buyTwo(null);
        paid(result, "evt_paid_refund");
        assertThat(tickets()).isEqualTo(2);

        var refunded = organiser.orders().refund(eventId, result.receipt().orderId());

        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(stripe.calls().getLast().path()).isEqualTo("/v1/refunds");
        assertThat(stripe.calls().getLast().form()).containsEntry("payment_intent", "pi_" + sessionId(result));
        assertThat(organiser.orders().attendees(eventId, 1, 10).items())
                .extracting(a -> a.status())
                .containsOnly(TicketStatus.REVOKED);
        assertThat(organiser.ticketTypes().list(eventId).getFirst().available()).isEqualTo(10);
        var report = organiser.orders().report(eventId);
        assertThat(report.total().orders()).isZero();
        assertThat(report.refundedOrders()).isEqualTo(1);
        assertThat(report.refundedMinor()).isEqualTo(6666);
    }

    @Test
    void aRefundMadeInStripesDashboardIsFollowed() throws Exception {
        var result = buyTwo(null);
        paid(result, "evt_paid_dashboard");
        var charge = """
                {"id":"ch_1","object":"charge","refunded":true,"payment_intent":"pi_%s","amount":6666,"currency":"eur"}
                """.formatted(sessionId(result));
        var event = StripeStandIn.event("evt_refunded", "charge.refunded", charge);

        assertThat(webhook(event.payload(), event.signature()).statusCode()).isEqualTo(204);

        assertThat(organiser.orders().get(eventId, result.receipt().orderId()).status())
                .isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void whenStripeIsDownTheCheckoutSaysSoAndTheSameKeyWorksLater() throws Exception {
        stripe.failNext(3); // the SDK's own retries included

        assertThatThrownBy(() -> buyTwo("retry-me")).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.problem().type()).hasToString("urn:stagedoor:problem:provider-unavailable");
            assertThat(e.getMessage()).contains("Nothing was charged");
        });
        assertThat(organiser.ticketTypes().list(eventId).getFirst().available()).isEqualTo(10);

        var retried = buyTwo("retry-me");
        assertThat(retried.receipt().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(buyTwo("retry-me").receipt().orderId())
                .as("a repeat of the successful request answers the same")
                .isEqualTo(retried.receipt().orderId());
    }

    @Test
    void aPaymentThatArrivesAfterTheHoldStillCountsWhileSeatsAreFree() throws Exception {
        var result = buyTwo(null);
        clock.advance(Duration.ofMinutes(31));
        assertThat(server.runHousekeepingNow()).isEqualTo(1);
        assertThat(organiser.orders().get(eventId, result.receipt().orderId()).status())
                .isEqualTo(OrderStatus.CANCELLED);

        paid(result, "evt_late");

        assertThat(organiser.orders().get(eventId, result.receipt().orderId()).status())
                .isEqualTo(OrderStatus.PAID);
        assertThat(tickets()).isEqualTo(2);
    }

    @Test
    void aBuyerMayOnlyChooseAProviderTheServerOffers() {
        assertThatThrownBy(() -> buyer.checkout()
                        .place(
                                new CheckoutRequest(
                                        eventId,
                                        new Buyer("Ada", "ada@example.org"),
                                        List.of(new CheckoutItem(seats.id(), 1)),
                                        null,
                                        new PaymentChoice("test", "4242424242424242")),
                                null))
                .isInstanceOfSatisfying(
                        ApiProblemException.class,
                        e -> assertThat(e.problem().errors()).singleElement().satisfies(f -> {
                            assertThat(f.field()).isEqualTo("payment.provider");
                            assertThat(f.message()).startsWith("must be one of stripe");
                        }));
    }
}
