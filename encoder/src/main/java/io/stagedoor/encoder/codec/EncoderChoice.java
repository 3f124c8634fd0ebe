package io.stagedoor.encoder.codec;

import java.util.List;

/**
 * The encoder picked, and why the better ones were not.
 *
 * @param rejected one line per encoder tried before it, e.g. {@code "h264_nvenc: probe failed: …"}
 */
public record EncoderChoice(VideoEncoder encoder, List<String> rejected) {

    public EncoderChoice {
        rejected = List.copyOf(rejected);
    }

    /** One line for logs and stats, e.g. {@code "x264 (software); h264_nvenc: not offered by FFmpeg"}. */
    public String summary() {
        return rejected.isEmpty() ? encoder.displayName() : encoder.displayName() + "; " + String.join("; ", rejected);
    }
}
