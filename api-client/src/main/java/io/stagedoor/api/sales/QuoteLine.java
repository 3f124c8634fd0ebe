package io.stagedoor.api.sales;

import java.util.UUID;

/** One ticket type in a quote or receipt; amounts in minor units. */
public record QuoteLine(
        UUID ticketTypeId,
        String name,
        int quantity,
        long unitPriceMinor,
        long subtotalMinor,
        long discountMinor,
        long totalMinor) {}
