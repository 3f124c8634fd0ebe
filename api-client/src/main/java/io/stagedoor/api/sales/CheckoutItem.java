package io.stagedoor.api.sales;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How many of one ticket type. */
public record CheckoutItem(
        @Nullable UUID ticketTypeId, @Nullable Integer quantity) {}
