/** Stagedoor Studio, the desktop app: its entry point and its composition root. */
@NullMarked
package io.stagedoor.app;

import org.jspecify.annotations.NullMarked;
