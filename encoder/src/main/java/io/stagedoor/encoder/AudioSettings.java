package io.stagedoor.encoder;

/**
 * What the AAC-LC encoder produces.
 *
 * @param sampleRate samples per second per channel
 * @param channels 1 (mono) or 2 (stereo)
 * @param bitrateKbps the audio bitrate in kilobits per second
 */
public record AudioSettings(int sampleRate, int channels, int bitrateKbps) {

    /** AAC-LC, 48 kHz stereo at 160 kbps: what live ingest services recommend. */
    public static final AudioSettings AAC_48K_STEREO = new AudioSettings(48_000, 2, 160);

    public AudioSettings {
        if (sampleRate != 44_100 && sampleRate != 48_000) {
            throw new IllegalArgumentException("sampleRate must be 44100 or 48000, was " + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, was " + channels);
        }
        if (bitrateKbps < 32 || bitrateKbps > 512) {
            throw new IllegalArgumentException("bitrateKbps must be from 32 to 512, was " + bitrateKbps);
        }
    }
}
