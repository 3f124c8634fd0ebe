/**
 * Wire formats written once and shared by the encoder (the sending side) and the server (the receiving side): the RTMP
 * codec ({@link io.stagedoor.media.rtmp}), AMF0 ({@link io.stagedoor.media.amf0}), FLV ({@link
 * io.stagedoor.media.flv}), AVC and AAC headers ({@link io.stagedoor.media.codec}) and the bitrate window ({@link
 * io.stagedoor.media.meter}). Every reader here is given bytes from strangers: each length is checked before it is
 * trusted, and each limit before the memory it guards is spent. Depends on nothing of ours.
 */
@NullMarked
package io.stagedoor.media;

import org.jspecify.annotations.NullMarked;
