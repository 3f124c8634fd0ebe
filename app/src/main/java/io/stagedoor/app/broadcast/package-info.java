/** The broadcast studio: sources, preview, output, pre-flight test, going live and the encoder's meters. */
@NullMarked
package io.stagedoor.app.broadcast;

import org.jspecify.annotations.NullMarked;
