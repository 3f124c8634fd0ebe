package io.stagedoor.encoder.flv;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.flv.FlvTag;
import org.junit.jupiter.api.Test;

class KeyframeGateTest {

    private static FlvTag keyframe(long millis) {
        return new FlvTag(FlvTag.VIDEO, millis, new byte[] {0x17, 1, 0, 0, 0});
    }

    private static FlvTag interFrame(long millis) {
        return new FlvTag(FlvTag.VIDEO, millis, new byte[] {0x27, 1, 0, 0, 0});
    }

    private static FlvTag audio(long millis) {
        return new FlvTag(FlvTag.AUDIO, millis, new byte[] {(byte) 0xAF, 1, 0x21});
    }

    @Test
    void mediaBeforeTheFirstKeyframeIsDroppedAndTimeCountsFromIt() {
        var gate = new KeyframeGate();
        assertThat(gate.pass(interFrame(5_000))).isNull();
        assertThat(gate.pass(audio(5_010))).isNull();

        var first = gate.pass(keyframe(5_033));
        assertThat(first).isNotNull();
        assertThat(first.timestampMillis()).isZero();
        assertThat(first.data()).isEqualTo(keyframe(0).data());

        assertThat(gate.pass(audio(5_020))).as("sound from before the keyframe").isNull();
        assertThat(gate.pass(audio(5_040)).timestampMillis()).isEqualTo(7);
        assertThat(gate.pass(interFrame(5_066)).timestampMillis()).isEqualTo(33);
        assertThat(gate.pass(keyframe(7_033)).timestampMillis()).isEqualTo(2_000);
    }
}
