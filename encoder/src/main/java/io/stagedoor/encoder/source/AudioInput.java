package io.stagedoor.encoder.source;

import org.jspecify.annotations.Nullable;

/** Where the broadcast's sound comes from. */
public sealed interface AudioInput {

    String description();

    /** The video source's own sound: the test pattern's tone or a file's soundtrack; silence for cameras and screens. */
    record FromVideoSource() implements AudioInput {
        @Override
        public String description() {
            return "the video source's sound";
        }
    }

    /** An audio input device; {@code name} as {@link AudioDevices#list()} gives it, or {@code null} for the default. */
    record Device(@Nullable String name) implements AudioInput {
        @Override
        public String description() {
            return name == null ? "the default audio input" : "audio input \"" + name + "\"";
        }
    }

    /** Silence (still an audio track, as ingest servers expect one). */
    record Silence() implements AudioInput {
        @Override
        public String description() {
            return "silence";
        }
    }
}
