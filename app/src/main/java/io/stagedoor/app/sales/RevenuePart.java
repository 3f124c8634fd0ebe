package io.stagedoor.app.sales;

/**
 * One bar of the revenue chart.
 *
 * @param label e.g. "Gross"
 * @param amount in major units (a chart's axis is a double; money stays in minor units everywhere else)
 */
public record RevenuePart(String label, double amount) {}
