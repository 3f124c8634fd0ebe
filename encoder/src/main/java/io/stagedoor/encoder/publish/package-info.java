/** From encoded tags to the network: a send queue bounded in milliseconds of media with a drop policy, reconnection with backoff, and the publishing loop. */
@NullMarked
package io.stagedoor.encoder.publish;

import org.jspecify.annotations.NullMarked;
