package io.stagedoor.api.events;

import io.stagedoor.api.sales.Order;
import java.util.List;

/**
 * What cancelling an event did. Every paid order is refunded: the refunds owed are recorded with the cancellation
 * itself, tried at once, and those the payment provider did not confirm are tried again by the server until it does.
 *
 * @param refundedOrders paid orders refunded at once (their tickets revoked)
 * @param cancelledOrders orders still waiting for payment, cancelled
 * @param refundFailures the orders whose refund is still pending, each as its reference and why the provider has not
 *     refunded it yet, in words for the organiser
 * @param pendingRefunds those orders, each with its {@link Order#refund() refund}: attempts, last error, next try
 */
public record EventCancellation(
        Event event,
        int refundedOrders,
        int cancelledOrders,
        List<String> refundFailures,
        List<Order> pendingRefunds) {}
