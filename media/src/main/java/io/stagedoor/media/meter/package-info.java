/** Measuring what flows: the bitrate window that the encoder's meter and the server's stream health both count in. */
@NullMarked
package io.stagedoor.media.meter;

import org.jspecify.annotations.NullMarked;
