package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkouts the server must refuse, each with a problem that names the field or the reason, and each leaving the
 * database as it was: no order paid, no ticket, no seat or code use held. On H2 and on PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class CheckoutRefusalsIT {

    private static final Instant NOW = Instant.now();
    private static final TicketAccess LIVE = new TicketAccess(true, 0, false, 0);

    @Parameter(0)
    TestDatabase database;

    private static StagedoorServer server;
    private StagedoorClient organiser;
    private StagedoorClient buyer;
    private UUID eventId;
    private TicketType seat;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        var dataDir = Files.createTempDirectory("stagedoor-refusals-");
        dataDir.toFile().deleteOnExit();
        // Every purchase here comes from this machine's one address, more often than a buyer may.
        server = StagedoorServer.start(database.config(dataDir, "--checkout.purchases-per-address=1000"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        organiser = Organisers.signedIn(server.baseUri(), "Careful Organiser");
        eventId = organiser
                .events()
                .create(new EventDraft("Small Room", "", NOW.plus(3, ChronoUnit.DAYS), "UTC", 60, null, null))
                .id();
        seat = organiser.ticketTypes().create(eventId, new TicketTypeDraft("Seat", 1000L, "EUR", 3, null, null, LIVE));
        organiser.events().publish(eventId);
        buyer = StagedoorClient.builder(server.baseUri()).maxRetries(0).build();
    }

    @AfterEach
    void tearDown() {
        buyer.close();
        organiser.close();
    }

    private CheckoutRequest request(int quantity, String promo, String card) {
        return new CheckoutRequest(
                eventId,
                new Buyer("Frank", "frank@example.org"),
                List.of(new CheckoutItem(seat.id(), quantity)),
                promo,
                new PaymentChoice("test", card));
    }

    private ApiProblemException refused(CheckoutRequest request) {
        return refused(request, null);
    }

    private ApiProblemException refused(CheckoutRequest request, String idempotencyKey) {
        try {
            buyer.checkout().place(request, idempotencyKey);
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected the checkout to be refused");
    }

    /** Seats held or sold, code uses, paid orders and tickets: what a refused checkout must not change. */
    private List<Object> state() {
        var type = organiser.ticketTypes().list(eventId).getFirst();
        var db = server.config().database();
        int tickets = Jdbi.create(db.url(), db.user(), db.password())
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ticket WHERE event_id = :event")
                        .bind("event", eventId)
                        .mapTo(Integer.class)
                        .one());
        var codes = organiser.promoCodes().list(eventId).stream()
                .map(c -> c.redemptions())
                .toList();
        return List.of(
                type.sold(),
                type.reserved(),
                codes,
                tickets,
                organiser.orders().list(eventId, OrderStatus.PAID, 1, 1).total(),
                organiser.orders().list(eventId, OrderStatus.PENDING, 1, 1).total());
    }

    @Test
    void aPurchaseWhoseAnswerWasLostIsNeverPlacedAgain() {
        var key = "lost-" + UUID.randomUUID();
        var placed = buyer.checkout().place(request(1, null, "4242424242424242"), key);
        assertThat(placed.receipt().status()).isEqualTo(io.stagedoor.api.sales.OrderStatus.PAID);
        // The server stored the order but not its answer (it died, or the database stalled right then), and the
        // buyer retries long after the first attempt would count as abandoned.
        var db = server.config().database();
        Jdbi.create(db.url(), db.user(), db.password())
                .useHandle(h -> h.createUpdate("""
                                UPDATE idempotent_request SET response_status = NULL, response_body = NULL,
                                    created_at = :long_ago
                                WHERE idempotency_key = :key
                                """)
                        .bind("long_ago", java.time.OffsetDateTime.now().minusHours(1))
                        .bind("key", key)
                        .execute());
        var before = state();

        var retried = refused(request(1, null, "4242424242424242"), key);

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.problem().type().toString()).endsWith("order-answer-lost");
        assertThat(retried.problem().detail())
                .contains(placed.receipt().reference())
                .contains("Do not buy again");
        assertThat(state()).as("nothing bought twice").isEqualTo(before);
    }

    @Test
    void anExpiredCodeIsNamedAndNothingIsSold() {
        organiser
                .promoCodes()
                .create(
                        eventId,
                        new PromoCodeDraft(
                                "LASTWEEK",
                                PromoKind.PERCENT,
                                50,
                                null,
                                null,
                                null,
                                NOW.minus(7, ChronoUnit.DAYS),
                                NOW.minus(1, ChronoUnit.DAYS)));
        var before = state();

        var refusal = refused(request(1, "lastweek", "4242424242424242"));

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.problem().errors()).containsExactly(new FieldError("promoCode", "has expired"));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aCodeUsedUpIsNamedAndNothingIsSold() {
        organiser
                .promoCodes()
                .create(eventId, new PromoCodeDraft("ONCE", PromoKind.FIXED, null, 500L, null, 1, null, null));
        buyer.checkout().place(request(1, "ONCE", "4242424242424242"), null);
        var before = state();

        var refusal = refused(request(1, "once", "4242424242424242"));

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.problem().type()).hasToString("urn:stagedoor:problem:promo-code-used-up");
        assertThat(refusal.problem().errors()).containsExactly(new FieldError("promoCode", "has been used up"));
        assertThat(state()).isEqualTo(before);
        var unknown = refused(request(1, "NOPE", "4242424242424242"));
        assertThat(unknown.problem().errors())
                .containsExactly(new FieldError("promoCode", "is not a valid code for this event"));
    }

    @Test
    void aSoldOutTypeSaysHowManyAreLeft() {
        buyer.checkout().place(request(2, null, "4242424242424242"), null);
        var before = state();

        var refusal = refused(request(2, null, "4242424242424242"));

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refusal.problem().type()).hasToString("urn:stagedoor:problem:sold-out");
        assertThat(refusal.problem().errors())
                .containsExactly(new FieldError("items[0].quantity", "only 1 left of Seat"));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aDeclinedCardSellsNothingAndReleasesTheSeatsAndTheCode() {
        organiser
                .promoCodes()
                .create(eventId, new PromoCodeDraft("TRY", PromoKind.PERCENT, 10, null, null, 1, null, null));
        var before = state();

        var declined = refused(request(3, "TRY", "4000 0000 0000 0002"));

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.problem().type()).hasToString("urn:stagedoor:problem:payment-declined");
        assertThat(declined.getMessage()).contains("Nothing was charged");
        assertThat(state()).isEqualTo(before);
        assertThat(organiser.orders().list(eventId, OrderStatus.CANCELLED, 1, 1).total())
                .as("the declined attempt is on record, cancelled")
                .isEqualTo(1);
        assertThat(buyer.checkout()
                        .place(request(3, "TRY", "4242424242424242"), null)
                        .receipt()
                        .status())
                .as("the seats and the code are free again")
                .isEqualTo(OrderStatus.PAID);
    }

    @Test
    void impossibleBasketsAreRefusedFieldByField() {
        var before = state();
        var basket = new CheckoutRequest(
                eventId,
                new Buyer("", "not an address"),
                List.of(
                        new CheckoutItem(seat.id(), 0),
                        new CheckoutItem(seat.id(), 1),
                        new CheckoutItem(UUID.randomUUID(), 60)),
                null,
                new PaymentChoice("cash", null));

        var refusal = refused(basket);

        assertThat(refusal.problem().errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "buyer.name",
                        "buyer.email",
                        "items[0].quantity",
                        "items[1].ticketTypeId",
                        "items[2].quantity",
                        "payment.provider");
        assertThat(state()).isEqualTo(before);
        var noPayment = refused(new CheckoutRequest(
                eventId, new Buyer("G", "g@example.org"), List.of(new CheckoutItem(seat.id(), 1)), null, null));
        assertThat(noPayment.problem().errors()).extracting(FieldError::field).containsExactly("payment.provider");
        var badCard = refused(request(1, null, "1234"));
        assertThat(badCard.problem().errors()).extracting(FieldError::field).containsExactly("payment.testCardNumber");
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheSameAndAnotherBodyIsRefused() throws Exception {
        var key = "purchase-" + UUID.randomUUID();
        var first = buyer.checkout().place(request(1, null, "4242424242424242"), key);
        var again = buyer.checkout().place(request(1, null, "4242424242424242"), key);

        assertThat(again.receipt().orderId()).isEqualTo(first.receipt().orderId());
        assertThat(again.orderToken()).isEqualTo(first.orderToken());
        assertThat(organiser.orders().list(eventId, OrderStatus.PAID, 1, 1).total())
                .isEqualTo(1);

        var replay = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUri() + "api/v1/checkout"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder()
                                        .build()
                                        .writeValueAsString(request(1, null, "4242424242424242"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        var other = assertRefusedWithKey(request(2, null, "4242424242424242"), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problem().type()).hasToString("urn:stagedoor:problem:idempotency-key-reused");

        var declinedKey = "declined-" + UUID.randomUUID();
        var declined = assertRefusedWithKey(request(1, null, "4000000000000002"), declinedKey);
        var declinedAgain = assertRefusedWithKey(request(1, null, "4000000000000002"), declinedKey);
        assertThat(declinedAgain.problem()).isEqualTo(declined.problem());
        assertThat(organiser.orders().list(eventId, OrderStatus.CANCELLED, 1, 1).total())
                .as("the repeat was answered from the record, not tried again")
                .isEqualTo(1);
    }

    private ApiProblemException assertRefusedWithKey(CheckoutRequest request, String key) {
        try {
            buyer.checkout().place(request, key);
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void draftsCannotBeBoughtAndEndedEventsStopSelling() {
        var draft = organiser
                .events()
                .create(new EventDraft("Secret Show", "", NOW.plus(3, ChronoUnit.DAYS), "UTC", 60, null, null));
        var draftSeat = organiser
                .ticketTypes()
                .create(draft.id(), new TicketTypeDraft("Seat", 1000L, "EUR", 3, null, null, LIVE));
        var hidden = refused(new CheckoutRequest(
                draft.id(),
                new Buyer("H", "h@example.org"),
                List.of(new CheckoutItem(draftSeat.id(), 1)),
                null,
                new PaymentChoice("test", "4242424242424242")));
        assertThat(hidden.status()).isEqualTo(404);

        organiser.events().end(eventId);
        var ended = refused(request(1, null, "4242424242424242"));
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.problem().type()).hasToString("urn:stagedoor:problem:not-on-sale");
    }
}
