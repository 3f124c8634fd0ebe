/** Live streams: where to publish an event's stream, and how healthy it is. */
@NullMarked
package io.stagedoor.api.live;

import org.jspecify.annotations.NullMarked;
