/** Tickets: one per seat, with a support ID and a secret link for watching. */
@NullMarked
package io.stagedoor.server.tickets;

import org.jspecify.annotations.NullMarked;
