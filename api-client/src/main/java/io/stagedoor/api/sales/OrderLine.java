package io.stagedoor.api.sales;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One ticket type in an order, as its organiser sees it.
 *
 * @param feeMinor this line's share of the order's platform fee; null until paid
 */
public record OrderLine(
        UUID ticketTypeId,
        String ticketTypeName,
        int quantity,
        long unitPriceMinor,
        long subtotalMinor,
        long discountMinor,
        long totalMinor,
        @Nullable Long feeMinor) {}
