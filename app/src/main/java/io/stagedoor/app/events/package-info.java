/** The organiser's events: the list, the editor with ticket types and promo codes, and the stream key. */
@NullMarked
package io.stagedoor.app.events;

import org.jspecify.annotations.NullMarked;
