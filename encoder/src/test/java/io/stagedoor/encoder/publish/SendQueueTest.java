package io.stagedoor.encoder.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.flv.FlvTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    private static final DropPolicy POLICY =
            new DropPolicy(Duration.ofMillis(1000), Duration.ofMillis(2500), Duration.ofMillis(6000));

    /** A video frame at 30 fps with a GOP of 60: keyframe every 2 s, every other frame a non-reference B-frame. */
    static FlvTag video(int frame) {
        boolean key = frame % 60 == 0;
        int nalHeader = key ? 0x65 : frame % 2 == 1 ? 0x01 : 0x41;
        byte[] data = {(byte) ((key ? 1 : 2) << 4 | 7), 1, 0, 0, 0, 0, 0, 0, 2, (byte) nalHeader, 0};
        return new FlvTag(FlvTag.VIDEO, frame * 1000L / 30, data);
    }

    static FlvTag audio(long millis) {
        return new FlvTag(FlvTag.AUDIO, millis, new byte[] {(byte) 0xAF, 1, 0});
    }

    /** Offers {@code seconds} of media from {@code fromFrame} on, video and audio interleaved. */
    static int offer(SendQueue queue, int fromFrame, double seconds) {
        int frames = (int) (seconds * 30);
        for (int f = fromFrame; f < fromFrame + frames; f++) {
            queue.offer(video(f));
            queue.offer(audio(f * 1000L / 30));
        }
        return fromFrame + frames;
    }

    static List<FlvTag> drain(SendQueue queue) throws InterruptedException {
        var out = new ArrayList<FlvTag>();
        FlvTag tag;
        while ((tag = queue.poll(0)) != null) {
            out.add(tag);
        }
        return out;
    }

    @Test
    void underTheFirstThresholdNothingIsDropped() throws InterruptedException {
        var queue = new SendQueue(POLICY);
        offer(queue, 0, 0.9);
        assertThat(queue.dropped()).isEqualTo(DroppedFrames.NONE);
        assertThat(queue.depthMillis()).isLessThanOrEqualTo(1000);
        assertThat(drain(queue)).hasSize(27 * 2);
    }

    @Test
    void disposableFramesGoFirstAndAudioStays() throws InterruptedException {
        var queue = new SendQueue(POLICY);
        offer(queue, 0, 2.0);
        var dropped = queue.dropped();
        assertThat(dropped.disposableVideo()).isPositive();
        assertThat(dropped.gopVideo()).isZero();
        assertThat(dropped.audio()).isZero();
        var left = drain(queue);
        assertThat(left.stream().filter(FlvTag::isAudio)).hasSize(60);
        assertThat(left.stream().filter(FlvTag::isDisposable))
                .as("only the newest disposable frames, under the threshold")
                .allSatisfy(t -> assertThat(t.timestampMillis()).isGreaterThan(900));
        assertThat(left.stream().filter(t -> t.isVideo() && !t.isDisposable()))
                .as("every reference frame")
                .hasSize(30);
    }

    @Test
    void pastTheGopThresholdWholeGopsGoWithTheirAudioAndTheQueueStartsAtAKeyframe() throws InterruptedException {
        var queue = new SendQueue(POLICY);
        offer(queue, 0, 3.0);
        var dropped = queue.dropped();
        assertThat(dropped.gopVideo()).isPositive();
        assertThat(queue.depthMillis()).isLessThanOrEqualTo(2500);
        var left = drain(queue);
        var firstVideo = left.stream().filter(FlvTag::isVideo).findFirst().orElseThrow();
        assertThat(firstVideo.isKeyframe()).isTrue();
        assertThat(firstVideo.timestampMillis()).isEqualTo(2000);
        assertThat(left.stream().filter(FlvTag::isAudio))
                .allSatisfy(a -> assertThat(a.timestampMillis()).isGreaterThanOrEqualTo(2000));
    }

    @Test
    void theQueueNeverHoldsMoreThanItsBoundWhateverComes() {
        var queue = new SendQueue(POLICY);
        int frame = 0;
        long maxDepth = 0;
        for (int s = 0; s < 60; s++) {
            frame = offer(queue, frame, 1.0);
            maxDepth = Math.max(maxDepth, queue.depthMillis());
        }
        assertThat(maxDepth).isLessThanOrEqualTo(6000);
        assertThat(queue.depthMillis()).isLessThanOrEqualTo(2500);
        assertThat(queue.size()).isLessThan(2 * 30 * 3);
        assertThat(queue.dropped().video()).isGreaterThan(1500);
    }

    @Test
    void onlyAudioBeyondTheHardBoundIsDroppedOldestFirst() throws InterruptedException {
        var queue = new SendQueue(POLICY);
        for (long ms = 0; ms <= 7000; ms += 21) {
            queue.offer(audio(ms));
        }
        assertThat(queue.depthMillis()).isLessThanOrEqualTo(6000);
        assertThat(queue.dropped().audio()).isPositive();
        assertThat(drain(queue).getFirst().timestampMillis()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aNewConnectionStartsAtTheNewestKeyframe() throws InterruptedException {
        var queue = new SendQueue(POLICY);
        offer(queue, 0, 2.2);
        long keyframe = queue.resumeAtKeyframe();
        assertThat(keyframe).isEqualTo(2000);
        var left = drain(queue);
        assertThat(left.getFirst().isKeyframe()).isTrue();
        assertThat(left).allSatisfy(t -> assertThat(t.timestampMillis()).isGreaterThanOrEqualTo(2000));
    }

    @Test
    void withoutAQueuedKeyframeVideoWaitsForTheNextOne() throws InterruptedException {
        var queue = new SendQueue(POLICY);
        offer(queue, 61, 0.5);
        assertThat(queue.resumeAtKeyframe()).isEqualTo(-1);
        assertThat(queue.size()).isZero();
        offer(queue, 76, 1.5);
        var left = drain(queue);
        var firstVideo = left.stream().filter(FlvTag::isVideo).findFirst().orElseThrow();
        assertThat(firstVideo.isKeyframe()).isTrue();
        assertThat(firstVideo.timestampMillis()).isEqualTo(4000);
        assertThat(left.getFirst()).as("the sound waited for the picture too").isSameAs(firstVideo);
        assertThat(queue.dropped().gopVideo()).isEqualTo(15 + (120 - 76));
        assertThat(queue.dropped().audio()).isEqualTo(15 + (120 - 76));
    }
}
