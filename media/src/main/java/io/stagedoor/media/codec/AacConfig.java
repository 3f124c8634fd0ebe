package io.stagedoor.media.codec;

import org.jspecify.annotations.Nullable;

/**
 * What an AAC AudioSpecificConfig (ISO/IEC 14496-3) says.
 *
 * @param objectType the audio object type (2 AAC-LC, 5 HE-AAC, 29 HE-AACv2)
 * @param sampleRate samples per second, 0 when the header names a rate that does not exist
 * @param channels the channel configuration (1 mono, 2 stereo…)
 */
public record AacConfig(int objectType, int sampleRate, int channels) {

    /** The bytes of FLV's audio header before an AAC sequence header's AudioSpecificConfig. */
    private static final int FLV_AUDIO_HEADER = 2;

    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    /** {@code mp4a.40.2}, as the CODECS attribute of HLS writes it. */
    public String codecs() {
        return "mp4a.40." + objectType;
    }

    /** {@code AAC-LC 48000 Hz 2 ch}, for people. */
    public String describe() {
        var name = switch (objectType) {
            case 2 -> "AAC-LC";
            case 5 -> "HE-AAC";
            case 29 -> "HE-AACv2";
            default -> "AAC (object type " + objectType + ")";
        };
        return name + " " + sampleRate + " Hz " + channels + " ch";
    }

    /** From the body of an FLV AAC sequence header tag; null when it is too short to say anything. */
    public static @Nullable AacConfig fromFlvSequenceHeader(byte[] tagBody) {
        if (tagBody.length < FLV_AUDIO_HEADER + 2) {
            return null;
        }
        return fromAudioSpecificConfig(tagBody, FLV_AUDIO_HEADER, tagBody.length - FLV_AUDIO_HEADER);
    }

    /** From an AudioSpecificConfig of {@code length} bytes at {@code offset}; null when it is cut short. */
    public static @Nullable AacConfig fromAudioSpecificConfig(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            return null;
        }
        var bits = new Bits(bytes, offset, length);
        try {
            int objectType = bits.u(5);
            int rateIndex = bits.u(4);
            int rate = rateIndex == 15 ? bits.u(24) : rateIndex < SAMPLE_RATES.length ? SAMPLE_RATES[rateIndex] : 0;
            int channels = bits.u(4);
            return new AacConfig(objectType, rate, channels);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }
}
