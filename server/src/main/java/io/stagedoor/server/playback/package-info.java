/**
 * What viewers' players read: low-latency HLS playlists ({@link io.stagedoor.server.playback.LowLatencyPlaylist}),
 * rendered once per part as bytes. The routes, tokens and viewer gate are still in {@link io.stagedoor.server.ingest}
 * and move here as the live path is rebuilt on CMAF parts.
 */
@NullMarked
package io.stagedoor.server.playback;

import org.jspecify.annotations.NullMarked;
