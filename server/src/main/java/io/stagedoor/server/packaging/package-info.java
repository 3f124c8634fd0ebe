/**
 * Packaging a live stream for low-latency HLS: the CMAF an encoder writes is cut here into the init segment, parts and
 * segments that playlists list ({@link io.stagedoor.server.packaging.PartCutter}). The FFmpeg process per stream, its
 * command line and the segment timeline are still in {@link io.stagedoor.server.ingest}, and move here as the live
 * path is rebuilt on CMAF parts.
 */
@NullMarked
package io.stagedoor.server.packaging;

import org.jspecify.annotations.NullMarked;
