package io.stagedoor.encoder.source;

import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * Peak and RMS level per channel in dBFS (0 dBFS is a full-scale square wave; a full-scale sine has an RMS of −3.01
 * dBFS). Silence reads {@link #SILENCE_DBFS}.
 *
 * @param peakDbfs per channel, from 0 down to {@link #SILENCE_DBFS}
 * @param rmsDbfs per channel, likewise
 */
public record AudioLevels(double[] peakDbfs, double[] rmsDbfs) {

    /** The floor reported for digital silence. */
    public static final double SILENCE_DBFS = -120;

    public AudioLevels {
        peakDbfs = peakDbfs.clone();
        rmsDbfs = rmsDbfs.clone();
    }

    @Override
    public double[] peakDbfs() {
        return peakDbfs.clone();
    }

    @Override
    public double[] rmsDbfs() {
        return rmsDbfs.clone();
    }

    /** Measures interleaved signed 16-bit samples, from the buffer's position to its limit (not moved). */
    public static AudioLevels measure(ShortBuffer interleaved, int channels) {
        double[] peak = new double[channels];
        double[] sumSquares = new double[channels];
        int frames = (interleaved.remaining()) / channels;
        int base = interleaved.position();
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                double v = interleaved.get(base + i * channels + c) / 32768.0;
                peak[c] = Math.max(peak[c], Math.abs(v));
                sumSquares[c] += v * v;
            }
        }
        double[] peakDb = new double[channels];
        double[] rmsDb = new double[channels];
        for (int c = 0; c < channels; c++) {
            peakDb[c] = toDbfs(peak[c]);
            rmsDb[c] = frames == 0 ? SILENCE_DBFS : toDbfs(Math.sqrt(sumSquares[c] / frames));
        }
        return new AudioLevels(peakDb, rmsDb);
    }

    /** 20·log10 of a linear amplitude (1.0 = full scale), floored at {@link #SILENCE_DBFS}. */
    public static double toDbfs(double amplitude) {
        if (amplitude <= 0) {
            return SILENCE_DBFS;
        }
        return Math.max(SILENCE_DBFS, 20 * Math.log10(amplitude));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioLevels other
                && Arrays.equals(peakDbfs, other.peakDbfs)
                && Arrays.equals(rmsDbfs, other.rmsDbfs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(peakDbfs) + Arrays.hashCode(rmsDbfs);
    }

    @Override
    public String toString() {
        return "AudioLevels[peakDbfs=" + Arrays.toString(peakDbfs) + ", rmsDbfs=" + Arrays.toString(rmsDbfs) + "]";
    }
}
