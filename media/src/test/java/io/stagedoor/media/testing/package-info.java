/** Test helpers for the modules that speak RTMP: hand-made chunk bytes and well-formed seeds for fuzzing. */
@NullMarked
package io.stagedoor.media.testing;

import org.jspecify.annotations.NullMarked;
