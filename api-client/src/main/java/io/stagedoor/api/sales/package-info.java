/** Checkout, orders, attendees and sales reports. Money is always whole minor units (cents) with an ISO 4217 currency. */
@NullMarked
package io.stagedoor.api.sales;

import org.jspecify.annotations.NullMarked;
