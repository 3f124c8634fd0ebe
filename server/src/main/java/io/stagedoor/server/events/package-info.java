/** Events and what is sold for them: ticket types, promo codes, cover images, and the event lifecycle. */
@NullMarked
package io.stagedoor.server.events;

import org.jspecify.annotations.NullMarked;
