/**
 * The server's side of RTMP: the listener, who may connect and publish ({@link
 * io.stagedoor.server.ingest.rtmp.Admission}), and the conversation with one publisher ({@link
 * io.stagedoor.server.ingest.rtmp.RtmpConnection}), built on the codec of {@link io.stagedoor.media.rtmp}. Every read
 * is bounded ({@link io.stagedoor.media.rtmp.RtmpLimits}); malformed input ends its own connection and nothing else.
 */
@NullMarked
package io.stagedoor.server.ingest.rtmp;

import org.jspecify.annotations.NullMarked;
