/** The bitrate meter: what really left the machine, over 1 s and 10 s, with a history and a verdict against the recommended minimum. */
@NullMarked
package io.stagedoor.encoder.meter;

import org.jspecify.annotations.NullMarked;
