package io.stagedoor.api.sales;

/**
 * Money from paid orders that stand (not refunded), in minor units: {@code gross} before discounts,
 * {@code net} = gross − discount − fee, what the organiser keeps.
 */
public record SalesFigures(
        long orders, long tickets, long grossMinor, long discountMinor, long feeMinor, long netMinor) {}
