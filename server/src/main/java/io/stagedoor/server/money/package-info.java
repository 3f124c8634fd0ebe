/** Money in whole minor units with an ISO 4217 currency: validation, limits, rounding rules and display. */
@NullMarked
package io.stagedoor.server.money;

import org.jspecify.annotations.NullMarked;
