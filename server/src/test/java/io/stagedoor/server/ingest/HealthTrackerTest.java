package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagedoor.media.flv.FlvTag;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    private final HealthTracker tracker = new HealthTracker(now::get);

    /** {@code seconds} of a 30 fps stream of {@code bytesPerFrame}, with audio every 21 ms and a keyframe every 2 s. */
    private void stream(int seconds, int bytesPerFrame, long fromTimestamp) {
        for (int frame = 0; frame < seconds * 30; frame++) {
            long timestamp = fromTimestamp + frame * 1000L / 30;
            tracker.received(video(timestamp, bytesPerFrame, frame % 60 == 0));
            tracker.received(new FlvTag(FlvTag.AUDIO, timestamp + 5, new byte[0]));
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1000) / 30);
        }
    }

    /** An H.264 frame of {@code bytes} in all, as FLV carries it. */
    private static FlvTag video(long timestamp, int bytes, boolean keyframe) {
        var data = new byte[bytes];
        data[0] = (byte) (keyframe ? 0x17 : 0x27);
        data[1] = 1;
        return new FlvTag(FlvTag.VIDEO, timestamp, data);
    }

    @Test
    void measuresBitrateFrameRateAndKeyframes() {
        stream(12, 25_000, 0); // 25 kB × 30 fps = 6 Mbps
        assertThat(tracker.bitrate(10)).isCloseTo(6_000_000L, within(60_000L));
        assertThat(tracker.bitrate(1)).isCloseTo(6_000_000L, within(300_000L));
        assertThat(tracker.frameRate()).isCloseTo(30.0, within(0.1));
        assertThat(tracker.keyframeIntervalSeconds()).isCloseTo(2.0, within(0.04));
        assertThat(tracker.audioPresent()).isTrue();
        assertThat(tracker.avDriftMillis()).isEqualTo(5);
        assertThat(tracker.measuredSeconds()).isEqualTo(10.0);
    }

    @Test
    void silenceBringsTheBitrateDownAndAudioIsMissed() {
        stream(10, 25_000, 0);
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertThat(tracker.bitrate(10)).isCloseTo(3_000_000L, within(100_000L));
        assertThat(tracker.bitrate(1)).isZero();
        assertThat(tracker.audioPresent()).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertThat(tracker.bitrate(10)).isZero();
    }

    @Test
    void theFirstSecondsAreAveragedOverWhatThereIs() {
        stream(3, 12_500, 0); // 3 Mbps for 3 s
        assertThat(tracker.bitrate(10)).isCloseTo(3_000_000L, within(150_000L));
        assertThat(tracker.measuredSeconds()).isCloseTo(3.0, within(0.2));
    }
}
