package io.stagedoor.encoder.publish;

/**
 * Media the send queue gave up because the network did not take it fast enough.
 *
 * @param disposableVideo video frames no other frame referred to
 * @param gopVideo video frames dropped with whole groups of pictures, or while waiting for the next keyframe
 * @param overflowVideo video frames dropped at the hard bound
 * @param audio audio packets (about 21 ms each at 48 kHz)
 */
public record DroppedFrames(long disposableVideo, long gopVideo, long overflowVideo, long audio) {

    public static final DroppedFrames NONE = new DroppedFrames(0, 0, 0, 0);

    public long video() {
        return disposableVideo + gopVideo + overflowVideo;
    }
}
