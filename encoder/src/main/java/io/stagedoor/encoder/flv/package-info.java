/** FLV as the encoder produces it: tags split from FFmpeg's muxer output, and the H.264 facts the publisher needs (keyframes, frames no other frame refers to). */
@NullMarked
package io.stagedoor.encoder.flv;

import org.jspecify.annotations.NullMarked;
