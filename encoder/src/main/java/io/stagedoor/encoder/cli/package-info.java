/** {@code stagedoor-encoder}: the encoder from the command line, for headless machines and scripts. */
@NullMarked
package io.stagedoor.encoder.cli;

import org.jspecify.annotations.NullMarked;
