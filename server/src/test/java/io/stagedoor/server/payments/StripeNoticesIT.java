package io.stagedoor.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.sales.OrderStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stripe's notices late, twice and out of order, each ending where the money says it should: a payment for an order
 * that can no longer be sold is refunded once, by the server, and the order says why; a refund reported before the
 * payment's completion leaves the order refunded without ever issuing a ticket; repeats change nothing. (Notices
 * arriving at the same moment: {@link PaymentRacesIT}.)
 */
class StripeNoticesIT {

    @TempDir
    Path dataDir;

    private StripeShop shop;

    @BeforeEach
    void open() throws Exception {
        shop = new StripeShop(dataDir, 4);
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void aRefundNoticeBeforeTheCompletionIsKeptAndTheOrderEndsRefundedWithoutTickets() throws Exception {
        var result = shop.buy(2);

        assertThat(shop.refundedAtStripe(result)).isEqualTo(204);
        assertThat(shop.order(result).status())
                .as("nothing known of that payment yet")
                .isEqualTo(OrderStatus.PENDING);

        assertThat(shop.paid(result)).isEqualTo(204);
        var order = shop.order(result);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.refund()).isNotNull();
        assertThat(order.refund().pending()).isFalse();
        assertThat(order.refund().reason()).contains("refunded at stripe before the payment was confirmed");
        assertThat(shop.issuedTickets(result)).as("no ticket is ever issued").isZero();
        assertThat(shop.available()).as("its seats are free again").isEqualTo(4);
        assertThat(shop.mails(result)).as("no ticket e-mail").isZero();
        assertThat(shop.stripe.refunded()).as("Stripe refunded it itself").isEmpty();

        // Redeliveries and late duplicates, in any order, change nothing.
        shop.paid(result);
        shop.refundedAtStripe(result);
        shop.expired(result);
        shop.paid(result);
        assertThat(shop.order(result).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.issuedTickets(result)).isZero();
        assertThat(shop.available()).isEqualTo(4);
        assertThat(shop.stripe.refunded()).isEmpty();
    }

    @Test
    void aPaymentAfterTheHoldEndedAndTheSeatsWereSoldIsRefundedOnce() throws Exception {
        var late = shop.buy(2);
        shop.clock.advance(Duration.ofMinutes(31));
        assertThat(shop.server().runHousekeepingNow()).isEqualTo(1);
        var others = shop.buy(4);
        shop.paid(others);
        assertThat(shop.order(others).status()).isEqualTo(OrderStatus.PAID);

        assertThat(shop.paid(late)).isEqualTo(204);

        var order = shop.order(late);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.refund().reason()).contains("seats were sold");
        assertThat(order.refund().pending()).isFalse();
        assertThat(order.refund().attempts()).isEqualTo(1);
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(late));
        assertThat(shop.issuedTickets(late)).isZero();

        // Stripe's own notice of that refund, the completion again, and the page's expiry: nothing more happens.
        shop.refundedAtStripe(late);
        shop.paid(late);
        shop.expired(late);
        shop.server().runHousekeepingNow();
        assertThat(shop.order(late).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(late));
        assertThat(shop.available()).isZero();
        assertThat(shop.order(others).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aPaymentForAnOrderTheOrganiserCancelledIsRefunded() throws Exception {
        var result = shop.buy(1);
        shop.organiser().orders().cancel(shop.eventId, result.receipt().orderId());

        shop.paid(result);

        var order = shop.order(result);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.refund().reason()).contains("the organiser cancelled it");
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(result));
        assertThat(shop.issuedTickets(result)).isZero();
        assertThat(shop.available()).isEqualTo(4);
    }

    @Test
    void aPaymentForAnEventThatWasCancelledOrEndedIsRefunded() throws Exception {
        var beforeEnd = shop.buy(1);
        shop.organiser().events().end(shop.eventId);

        shop.paid(beforeEnd);

        var order = shop.order(beforeEnd);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.refund().reason()).contains("after the event was closed");
        assertThat(shop.issuedTickets(beforeEnd)).isZero();
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(beforeEnd));
    }

    @Test
    void aLatePaymentWhileStripeIsDownIsRefundedByTheJobOnceStripeIsBack() throws Exception {
        var result = shop.buy(1);
        shop.organiser().events().cancel(shop.eventId);
        shop.stripe.refundsDown(true);

        assertThat(shop.paid(result))
                .as("the notice is taken; the refund is owed")
                .isEqualTo(204);

        var owed = shop.order(result);
        assertThat(owed.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(owed.refundPending()).isTrue();
        assertThat(owed.refund().reason()).contains("after the event was cancelled");
        assertThat(owed.refund().attempts()).isEqualTo(1);
        assertThat(owed.refund().lastError()).contains("Stripe had a problem of its own (HTTP 503)");
        assertThat(owed.refund().nextAttemptAt()).isAfter(shop.clock.instant());
        assertThat(shop.stripe.refunded()).isEmpty();

        shop.stripe.refundsDown(false);
        shop.server().runHousekeepingNow();
        assertThat(shop.order(result).refundPending()).as("not due yet").isTrue();
        shop.clock.advance(Duration.ofMinutes(2));
        shop.server().runHousekeepingNow();

        assertThat(shop.order(result).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.order(result).refund().attempts()).isEqualTo(2);
        assertThat(shop.stripe.refunded()).containsExactly(StripeShop.paymentIntent(result));
    }

    @Test
    void anExpiryAfterThePaymentChangesNothing() throws Exception {
        var result = shop.buy(1);
        shop.paid(result);
        shop.expired(result);
        shop.paid(result);

        assertThat(shop.order(result).status()).isEqualTo(OrderStatus.PAID);
        assertThat(shop.order(result).refund()).isNull();
        assertThat(shop.validTickets(result)).isEqualTo(1);
        assertThat(shop.mails(result)).as("one ticket e-mail").isEqualTo(1);
    }
}
