package io.stagedoor.api.sales;

import java.util.UUID;

/**
 * One event's sales at a glance, for the organiser's list of events: seats sold against the quota of its ticket types,
 * and the totals of its paid orders, as in its {@link SalesReport}.
 *
 * @param currency that of its ticket types; empty while it has none
 */
public record EventSales(UUID eventId, int sold, int quota, String currency, SalesFigures total) {}
