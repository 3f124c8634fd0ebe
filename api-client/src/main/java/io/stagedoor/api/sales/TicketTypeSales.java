package io.stagedoor.api.sales;

import java.util.UUID;

/** One ticket type's share of the sales; {@code figures.orders} counts the orders that included it. */
public record TicketTypeSales(UUID ticketTypeId, String name, SalesFigures figures) {}
