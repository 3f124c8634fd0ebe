/** The pre-flight upload test against the companion server's bandwidth endpoint. */
@NullMarked
package io.stagedoor.encoder.preflight;

import org.jspecify.annotations.NullMarked;
