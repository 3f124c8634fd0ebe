/**
 * What a receiver learns from the codec headers a publisher sends first: the H.264 decoder configuration record and
 * its sequence parameter set ({@link io.stagedoor.media.codec.AvcConfig}), the AAC AudioSpecificConfig ({@link
 * io.stagedoor.media.codec.AacConfig}). Parsers of strangers' bytes: a header that is not well formed gives null.
 */
@NullMarked
package io.stagedoor.media.codec;

import org.jspecify.annotations.NullMarked;
