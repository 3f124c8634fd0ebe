/**
 * Checkout, pricing, orders, refunds and the sales reports. Prices are computed here, never taken from the
 * buyer; seats and promo-code uses are counted by conditional updates that the database checks again.
 */
@NullMarked
package io.stagedoor.server.sales;

import org.jspecify.annotations.NullMarked;
