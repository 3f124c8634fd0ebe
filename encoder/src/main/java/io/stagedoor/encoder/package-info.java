/**
 * The broadcasting engine: sources, H.264/AAC encoding and outputs, with settings as immutable records. Knows
 * nothing of the server, the API client or any user interface.
 */
@NullMarked
package io.stagedoor.encoder;

import org.jspecify.annotations.NullMarked;
