package io.stagedoor.app.sales;

import java.time.LocalDate;

/** Tickets sold on one day and in all up to it. */
public record TicketsOnDay(LocalDate day, long tickets, long cumulative) {}
