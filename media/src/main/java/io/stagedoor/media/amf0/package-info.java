/** AMF0, the encoding of RTMP commands and of FLV script data. */
@NullMarked
package io.stagedoor.media.amf0;

import org.jspecify.annotations.NullMarked;
