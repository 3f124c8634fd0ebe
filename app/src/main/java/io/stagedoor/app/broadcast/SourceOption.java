package io.stagedoor.app.broadcast;

import io.stagedoor.encoder.source.VideoSource;

/** A source the broadcaster can pick, with its name on screen. */
public record SourceOption(VideoSource source, String label) {

    @Override
    public String toString() {
        return label;
    }
}
