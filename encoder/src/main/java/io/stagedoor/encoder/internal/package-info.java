/** JavaCV and FFmpeg plumbing; not API. JavaCV's mutable grabbers and recorders never leave this package. */
@NullMarked
package io.stagedoor.encoder.internal;

import org.jspecify.annotations.NullMarked;
