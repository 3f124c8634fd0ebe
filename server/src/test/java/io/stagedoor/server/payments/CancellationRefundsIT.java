package io.stagedoor.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.Order;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.client.ApiProblemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event called off while Stripe refuses refunds: every paid order is owed its refund from the moment the event is
 * cancelled, shows it (attempts, the last error, the next try) and has no working tickets; the refunds survive a
 * restart, and once Stripe is back the job refunds each exactly once.
 */
class CancellationRefundsIT {

    @TempDir
    Path dataDir;

    private StripeShop shop;
    private final List<CheckoutResult> paid = new ArrayList<>();

    @BeforeEach
    void sellThreeOrders() throws Exception {
        shop = new StripeShop(dataDir, 10);
        for (int i = 0; i < 3; i++) {
            var result = shop.buy(i + 1);
            assertThat(shop.paid(result)).isEqualTo(204);
            paid.add(result);
        }
    }

    @AfterEach
    void close() {
        shop.close();
    }

    private Order order(CheckoutResult result) {
        return shop.order(result);
    }

    @Test
    void refundsThatFailAreOwedVisiblyAndRetriedUntilEachIsDoneOnce() throws Exception {
        var unpaid = shop.buy(1);
        shop.stripe.refundsDown(true);

        var cancellation = shop.organiser().events().cancel(shop.eventId);

        assertThat(cancellation.refundedOrders()).isZero();
        assertThat(cancellation.cancelledOrders()).isEqualTo(1);
        assertThat(cancellation.pendingRefunds())
                .extracting(Order::id)
                .containsExactlyInAnyOrderElementsOf(
                        paid.stream().map(r -> r.receipt().orderId()).toList());
        assertThat(cancellation.pendingRefunds()).allSatisfy(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.refund().pending()).isTrue();
            assertThat(order.refund().reason()).isEqualTo("the event was cancelled");
            assertThat(order.refund().nextAttemptAt()).isNotNull();
        });
        assertThat(cancellation.pendingRefunds())
                .as("tried at once until Stripe failed; the others wait for the job rather than for Stripe")
                .extracting(o -> o.refund().attempts())
                .containsExactlyInAnyOrder(1, 0, 0);
        assertThat(cancellation.refundFailures())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("Stripe had a problem of its own (HTTP 503)"));
        assertThat(order(unpaid).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.organiser().orders().attendees(shop.eventId, 1, 50).items())
                .hasSize(6)
                .allSatisfy(attendee -> {
                    assertThat(attendee.status()).isEqualTo(TicketStatus.REVOKED);
                    assertThat(attendee.refundPending()).isTrue();
                });

        // The job tries what is due while Stripe is still down: each failure pushes the next try further away.
        shop.server().runHousekeepingNow();
        shop.clock.advance(Duration.ofMinutes(1));
        shop.server().runHousekeepingNow();
        for (var result : paid) {
            var order = order(result);
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.refund().attempts()).isPositive();
            assertThat(order.refund().lastError()).contains("Stripe had a problem of its own (HTTP 503)");
            assertThat(order.refund().nextAttemptAt()).isAfterOrEqualTo(shop.clock.instant());
        }

        // The organiser may try one now; while Stripe is down that says so and changes nothing but the count.
        var first = paid.getFirst().receipt().orderId();
        int attemptsBefore = order(paid.getFirst()).refund().attempts();
        assertThatThrownBy(() -> shop.organiser().orders().refund(shop.eventId, first))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("The refund is kept");
                });
        assertThat(order(paid.getFirst()).refund().attempts()).isGreaterThan(attemptsBefore);
        assertThat(shop.stripe.refunded()).isEmpty();

        // A restart loses nothing: the refunds owed are in the database, not in memory.
        shop.restart();
        assertThat(order(paid.get(1)).refundPending()).isTrue();

        shop.stripe.refundsDown(false);
        shop.clock.advance(Duration.ofHours(2));
        shop.server().runHousekeepingNow();

        for (var result : paid) {
            var order = order(result);
            assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
            assertThat(order.refund().pending()).isFalse();
            assertThat(order.refund().lastError()).isNull();
            assertThat(order.refund().nextAttemptAt()).isNull();
        }
        assertThat(shop.stripe.refunded())
                .as("each payment refunded exactly once at Stripe")
                .containsExactlyInAnyOrderElementsOf(
                        paid.stream().map(StripeShop::paymentIntent).toList());
        assertThat(shop.organiser().orders().attendees(shop.eventId, 1, 50).items())
                .extracting(Attendee::refundPending)
                .containsOnly(false);

        // Stripe's notices of those refunds, another round of the job, the organiser refunding again: no more money
        // moves.
        for (var result : paid) {
            assertThat(shop.refundedAtStripe(result)).isEqualTo(204);
        }
        shop.clock.advance(Duration.ofHours(2));
        shop.server().runHousekeepingNow();
        assertThatThrownBy(() -> shop.organiser().orders().refund(shop.eventId, first))
                .isInstanceOfSatisfying(
                        ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(shop.stripe.refunded()).hasSize(3);
        var report = shop.organiser().orders().report(shop.eventId);
        assertThat(report.refundedOrders()).isEqualTo(3);
        assertThat(report.refundedMinor()).isEqualTo(6 * StripeShop.SEAT_PRICE);
    }

    @Test
    void whenStripeRefundsAtOnceTheCancellationSaysSoAndNothingIsLeftPending() throws Exception {
        var cancellation = shop.organiser().events().cancel(shop.eventId);

        assertThat(cancellation.refundedOrders()).isEqualTo(3);
        assertThat(cancellation.pendingRefunds()).isEmpty();
        assertThat(cancellation.refundFailures()).isEmpty();
        assertThat(paid).allSatisfy(result -> assertThat(order(result).status()).isEqualTo(OrderStatus.REFUNDED));
        assertThat(shop.stripe.refunded()).hasSize(3);
    }

    @Test
    void theOrganisersRetryRefundsAPendingOrderAtOnceWhenStripeIsBack() throws Exception {
        shop.stripe.refundsDown(true);
        shop.organiser().events().cancel(shop.eventId);
        shop.stripe.refundsDown(false);

        var retried = shop.organiser()
                .orders()
                .refund(shop.eventId, paid.getFirst().receipt().orderId());

        assertThat(retried.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(paid.getFirst()));
    }
}
