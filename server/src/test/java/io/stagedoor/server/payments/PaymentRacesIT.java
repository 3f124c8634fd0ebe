package io.stagedoor.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What depends on the database's locks, on H2 and on PostgreSQL: a payment's completion and its refund delivered
 * many times at once end refunded every time; an event cancelled while Stripe refuses refunds owes them all, and the
 * job refunds each once Stripe is back; a payment confirmed while its event was being cancelled is caught and
 * refunded.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class PaymentRacesIT {

    @Parameter(0)
    TestDatabase database;

    @TempDir
    Path dataDir;

    private StripeShop shop;

    @BeforeEach
    void open() throws Exception {
        shop = new StripeShop(dataDir, 6, database);
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void completionsAndRefundsArrivingAllAtOnceEndRefundedEveryTime() throws Exception {
        for (int round = 0; round < 3; round++) {
            var result = shop.buy(1);
            var start = new CountDownLatch(1);
            var notices = new ArrayList<Future<Integer>>();
            try (var stripe = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 8; i++) {
                    Callable<Integer> notice =
                            i % 2 == 0 ? () -> shop.paid(result) : () -> shop.refundedAtStripe(result);
                    notices.add(stripe.submit(() -> {
                        start.await();
                        return notice.call();
                    }));
                }
                start.countDown();
                for (var notice : notices) {
                    assertThat(notice.get(1, TimeUnit.MINUTES)).isEqualTo(204);
                }
            }
            assertThat(shop.order(result).status()).isEqualTo(OrderStatus.REFUNDED);
            assertThat(shop.validTickets(result))
                    .as("no ticket of round %d works", round)
                    .isZero();
        }
        assertThat(shop.available()).isEqualTo(6);
        assertThat(shop.stripe.refunded()).as("Stripe refunded them itself").isEmpty();
    }

    @Test
    void aCancellationWhileStripeIsDownOwesEveryRefundAndTheJobMakesEachOnce() throws Exception {
        var paid = new ArrayList<CheckoutResult>();
        for (int i = 0; i < 3; i++) {
            paid.add(shop.buy(1));
            shop.paid(paid.getLast());
        }
        shop.stripe.refundsDown(true);

        var cancellation = shop.organiser().events().cancel(shop.eventId);

        assertThat(cancellation.pendingRefunds()).hasSize(3);
        shop.stripe.refundsDown(false);
        shop.clock.advance(Duration.ofMinutes(5));
        shop.server().runHousekeepingNow();
        assertThat(paid)
                .allSatisfy(result -> assertThat(shop.order(result).status()).isEqualTo(OrderStatus.REFUNDED));
        assertThat(shop.stripe.refunded())
                .containsExactlyInAnyOrderElementsOf(
                        paid.stream().map(StripeShop::paymentIntent).toList());
        assertThat(shop.available()).isEqualTo(6);
    }

    @Test
    void aPaymentConfirmedWhileItsEventWasBeingCancelledIsCaughtAndRefunded() throws Exception {
        var result = shop.buy(2);
        shop.organiser().events().cancel(shop.eventId);
        // What a payment confirmed after the cancellation listed its orders, and before it committed, leaves behind:
        // an order paid, with live tickets, on a cancelled event.
        var db = shop.server().config().database();
        Jdbi.create(db.url(), db.user(), db.password()).useTransaction(h -> {
            h.createUpdate("""
                            UPDATE orders SET status = 'PAID', paid_at = created_at, provider_payment = :payment,
                                cancelled_at = NULL, cancel_reason = NULL
                            WHERE id = :id
                            """)
                    .bind("payment", StripeShop.paymentIntent(result))
                    .bind("id", result.receipt().orderId())
                    .execute();
            h.createUpdate("UPDATE ticket_type SET sold = sold + 2 WHERE id = :id")
                    .bind("id", shop.seat.id())
                    .execute();
        });

        shop.server().runHousekeepingNow();

        var order = shop.order(result);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.refund().reason()).isEqualTo("the event was cancelled");
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(result));
        assertThat(shop.available()).isEqualTo(6);
    }
}
