/** FLV: the tags RTMP carries and FFmpeg's FLV muxer writes, read from a byte stream and written to one. */
@NullMarked
package io.stagedoor.media.flv;

import org.jspecify.annotations.NullMarked;
