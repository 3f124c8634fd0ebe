/** An RTMP(S) publishing client of our own, so that the bytes on the socket can be counted and a connection replaced without restarting the encoder. */
@NullMarked
package io.stagedoor.encoder.rtmp;

import org.jspecify.annotations.NullMarked;
