/**
 * The RTMP protocol as a publisher speaks it to a server: handshake, chunk streams, AMF0 commands. Written here
 * because no maintained, embeddable Java RTMP server exists. Every read is bounded ({@link
 * io.stagedoor.server.ingest.rtmp.RtmpLimits}); malformed input ends its own connection with a
 * {@link io.stagedoor.server.ingest.rtmp.RtmpProtocolException} and nothing else.
 */
@NullMarked
package io.stagedoor.server.ingest.rtmp;

import org.jspecify.annotations.NullMarked;
