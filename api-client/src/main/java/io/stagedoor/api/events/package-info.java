/** Events, their ticket types and promo codes, as organisers manage them and as buyers see them. */
@NullMarked
package io.stagedoor.api.events;

import org.jspecify.annotations.NullMarked;
