/** Tickets as their holders see them. */
@NullMarked
package io.stagedoor.api.tickets;

import org.jspecify.annotations.NullMarked;
