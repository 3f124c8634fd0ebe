package io.stagedoor.encoder;

/** Everything the encoder needs to know about its output; immutable, so it can be shared and compared. */
public record EncoderSettings(VideoSettings video, AudioSettings audio) {

    /** The default: {@link Preset#P1080_30}. */
    public static EncoderSettings defaults() {
        return Preset.P1080_30.settings();
    }
}
