/**
 * The RTMP codec, both sides of it: the handshake ({@link io.stagedoor.media.rtmp.Handshake}), messages cut into
 * chunks ({@link io.stagedoor.media.rtmp.ChunkWriter}) and reassembled from them ({@link
 * io.stagedoor.media.rtmp.ChunkReader}), the message types, and the limits a reader keeps to ({@link
 * io.stagedoor.media.rtmp.RtmpLimits}, {@link io.stagedoor.media.rtmp.BufferBudget}). Sessions (what a publisher or a
 * server says when) are not here: the encoder's publishing connection and the server's ingest connection are built on
 * top of this in their modules. Malformed input ends in a {@link io.stagedoor.media.rtmp.RtmpProtocolException}.
 */
@NullMarked
package io.stagedoor.media.rtmp;

import org.jspecify.annotations.NullMarked;
