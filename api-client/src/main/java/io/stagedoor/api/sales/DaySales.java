package io.stagedoor.api.sales;

import java.time.LocalDate;

/** One day's sales, the day counted in the event's time zone by when each order was paid. */
public record DaySales(LocalDate day, SalesFigures figures) {}
