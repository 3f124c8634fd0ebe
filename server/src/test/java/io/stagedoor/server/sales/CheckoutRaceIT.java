package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
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
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 300 buyers at once for 100 seats, with a promo code good for 10 uses: exactly 100 seats sell and the code is used
 * exactly 10 times, on H2 and on PostgreSQL. Every buyer tries the code first and, when the server says it is used
 * up, buys without it, so the code's limit, not luck, decides who gets the discount.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class CheckoutRaceIT {

    private static final int BUYERS = 300;
    private static final int SEATS = 100;
    private static final int CODE_USES = 10;

    @Parameter(0)
    TestDatabase database;

    @Test
    void neverSellsASeatOrACodeUseTwice() throws Exception {
        var dataDir = Files.createTempDirectory("stagedoor-race-");
        dataDir.toFile().deleteOnExit();
        // All 300 buyers come from this machine's one address.
        try (var server = StagedoorServer.start(
                        database.config(dataDir, "--database.pool-size=20", "--checkout.purchases-per-address=1000"));
                var organiser = Organisers.signedIn(server.baseUri(), "Race Organiser")) {
            var event = organiser
                    .events()
                    .create(new EventDraft(
                            "Sell-out", "", Instant.now().plus(7, ChronoUnit.DAYS), "UTC", 60, null, null));
            var seat = organiser
                    .ticketTypes()
                    .create(
                            event.id(),
                            new TicketTypeDraft(
                                    "Seat", 2000L, "EUR", SEATS, null, null, new TicketAccess(true, 0, false, 0)));
            organiser
                    .promoCodes()
                    .create(
                            event.id(),
                            new PromoCodeDraft("FIRST10", PromoKind.PERCENT, 50, null, null, CODE_USES, null, null));
            organiser.events().publish(event.id());

            var outcomes = new ConcurrentHashMap<String, Integer>();
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<?>>();
            try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < BUYERS; i++) {
                    int buyer = i;
                    results.add(buyers.submit(() -> {
                        start.await();
                        outcomes.merge(buy(server, event.id(), seat.id(), buyer), 1, Integer::sum);
                        return null;
                    }));
                }
                start.countDown();
                for (var result : results) {
                    result.get(2, TimeUnit.MINUTES);
                }
            }

            assertThat(outcomes)
                    .as("every buyer either bought or was told it was sold out")
                    .containsOnlyKeys("with code", "without code", "sold out");
            assertThat(outcomes.get("with code")).isEqualTo(CODE_USES);
            assertThat(outcomes.get("with code") + outcomes.get("without code")).isEqualTo(SEATS);
            assertThat(outcomes.get("sold out")).isEqualTo(BUYERS - SEATS);

            var type = organiser.ticketTypes().list(event.id()).getFirst();
            assertThat(type.sold()).isEqualTo(SEATS);
            assertThat(type.reserved()).isZero();
            assertThat(type.available()).isZero();
            assertThat(organiser.promoCodes().list(event.id()).getFirst().redemptions())
                    .isEqualTo(CODE_USES);
            assertThat(organiser
                            .orders()
                            .list(event.id(), OrderStatus.PAID, 1, 1)
                            .total())
                    .isEqualTo(SEATS);

            var db = Jdbi.create(
                    server.config().database().url(),
                    server.config().database().user(),
                    server.config().database().password());
            int tickets = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ticket")
                    .mapTo(Integer.class)
                    .one());
            assertThat(tickets).isEqualTo(SEATS);
            int unpaid = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM orders WHERE status <> 'PAID'")
                    .mapTo(Integer.class)
                    .one());
            assertThat(unpaid).as("a refused checkout leaves nothing behind").isZero();
            var report = organiser.orders().report(event.id());
            assertThat(report.total().grossMinor()).isEqualTo(SEATS * 2000L);
            assertThat(report.total().discountMinor()).isEqualTo(CODE_USES * 1000L);
        }
    }

    private static String buy(StagedoorServer server, UUID eventId, UUID seatId, int buyer) {
        // 300 connections opened at once on a busy machine can wait a while for the server to accept them.
        try (var client = StagedoorClient.builder(server.baseUri())
                .connectTimeout(Duration.ofMinutes(1))
                .callTimeout(Duration.ofMinutes(2))
                .readTimeout(Duration.ofMinutes(2))
                .build()) {
            var request = new CheckoutRequest(
                    eventId,
                    new Buyer("Buyer " + buyer, "buyer" + buyer + "@example.org"),
                    List.of(new CheckoutItem(seatId, 1)),
                    "first10",
                    new PaymentChoice("test", "4242424242424242"));
            try {
                client.checkout().place(request, null);
                return "with code";
            } catch (ApiProblemException e) {
                if (e.problem().type().toString().endsWith("promo-code-used-up")
                        || e.problem().errors().stream().anyMatch(f -> f.field().equals("promoCode"))) {
                    try {
                        client.checkout()
                                .place(
                                        new CheckoutRequest(
                                                request.eventId(),
                                                request.buyer(),
                                                request.items(),
                                                null,
                                                request.payment()),
                                        null);
                        return "without code";
                    } catch (ApiProblemException second) {
                        return outcomeOf(second);
                    }
                }
                return outcomeOf(e);
            }
        }
    }

    private static String outcomeOf(ApiProblemException e) {
        return e.problem().type().toString().endsWith("sold-out") ? "sold out" : "unexpected: " + e.getMessage();
    }
}
