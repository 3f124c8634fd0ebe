package io.stagedoor.api.events;

import java.util.List;

/**
 * What cancelling an event did.
 *
 * @param refundedOrders paid orders refunded (their tickets revoked)
 * @param cancelledOrders orders still waiting for payment, cancelled
 * @param refundFailures orders whose refund the payment provider refused or could not be reached for, with the
 *     reason; refund them again through the order
 */
public record EventCancellation(Event event, int refundedOrders, int cancelledOrders, List<String> refundFailures) {}
