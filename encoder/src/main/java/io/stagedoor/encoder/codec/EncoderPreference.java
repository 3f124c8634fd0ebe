package io.stagedoor.encoder.codec;

/** Whether the broadcast may use a hardware encoder. */
public enum EncoderPreference {
    /** The best hardware encoder that passes a probe encode, else x264. */
    AUTO,
    /** Always x264. */
    SOFTWARE
}
