package io.stagedoor.encoder.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

class AudioLevelsTest {

    /** Interleaved stereo: a sine of {@code leftAmplitude} on the left, a constant on the right. */
    private static ShortBuffer stereo(double leftAmplitude, short right, int frames) {
        var samples = ShortBuffer.allocate(frames * 2);
        for (int i = 0; i < frames; i++) {
            samples.put((short) Math.round(leftAmplitude * 32767 * Math.sin(2 * Math.PI * 1000 * i / 48000.0)));
            samples.put(right);
        }
        return samples.flip();
    }

    @Test
    void aFullScaleSineHasAPeakOfZeroAndAnRmsOfMinusThreeDbfs() {
        var levels = AudioLevels.measure(stereo(1.0, (short) 0, 4800), 2);
        assertThat(levels.peakDbfs()[0]).isCloseTo(0.0, within(0.01));
        assertThat(levels.rmsDbfs()[0]).isCloseTo(-3.01, within(0.01));
        assertThat(levels.peakDbfs()[1]).isEqualTo(AudioLevels.SILENCE_DBFS);
        assertThat(levels.rmsDbfs()[1]).isEqualTo(AudioLevels.SILENCE_DBFS);
    }

    @Test
    void theTestTonesEighthOfFullScaleReadsMinusEighteenDbfs() {
        var levels = AudioLevels.measure(stereo(0.125, (short) 16384, 4800), 2);
        assertThat(levels.peakDbfs()[0]).isCloseTo(-18.06, within(0.01));
        assertThat(levels.rmsDbfs()[0]).isCloseTo(-21.07, within(0.01));
        // A constant half-scale signal: peak and RMS are the same, -6.02 dBFS.
        assertThat(levels.peakDbfs()[1]).isCloseTo(-6.02, within(0.01));
        assertThat(levels.rmsDbfs()[1]).isCloseTo(-6.02, within(0.01));
    }

    @Test
    void measuringLeavesTheBufferAsItWasAndEmptyInputIsSilence() {
        var samples = stereo(0.5, (short) 0, 100);
        AudioLevels.measure(samples, 2);
        assertThat(samples.position()).isZero();
        assertThat(samples.remaining()).isEqualTo(200);
        var empty = AudioLevels.measure(ShortBuffer.allocate(0), 1);
        assertThat(empty.peakDbfs()).containsExactly(AudioLevels.SILENCE_DBFS);
        assertThat(AudioLevels.toDbfs(1e-9)).isEqualTo(AudioLevels.SILENCE_DBFS);
        assertThat(AudioLevels.toDbfs(Short.MIN_VALUE / -32768.0)).isZero();
    }
}
