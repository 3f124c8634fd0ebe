/** Local recording of what is streamed, to fragmented MP4 or Matroska, so that a crash leaves a playable file. */
@NullMarked
package io.stagedoor.encoder.record;

import org.jspecify.annotations.NullMarked;
