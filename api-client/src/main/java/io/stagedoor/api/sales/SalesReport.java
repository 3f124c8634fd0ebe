package io.stagedoor.api.sales;

import java.util.List;
import java.util.UUID;

/**
 * An event's sales. Totals cover paid orders that stand; refunded ones are counted apart.
 *
 * @param refundedMinor what the refunded orders had paid
 */
public record SalesReport(
        UUID eventId,
        String currency,
        SalesFigures total,
        List<TicketTypeSales> byTicketType,
        List<DaySales> byDay,
        long refundedOrders,
        long refundedMinor) {}
