/**
 * Fragmented MP4 as CMAF writes it (ISO/IEC 14496-12 and 23000-19): a byte stream split into top-level boxes ({@link
 * io.stagedoor.media.mp4.BoxReader}), the tracks an init segment declares ({@link io.stagedoor.media.mp4.InitSegment})
 * and what each fragment holds ({@link io.stagedoor.media.mp4.Fragment}): its decode time, its duration and whether a
 * player can start from it. What a packager needs to cut LL-HLS parts and segments from an encoder's output.
 */
@NullMarked
package io.stagedoor.media.mp4;

import org.jspecify.annotations.NullMarked;
