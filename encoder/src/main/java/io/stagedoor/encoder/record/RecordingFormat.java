package io.stagedoor.encoder.record;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The file formats a recording can have, chosen by the file's extension. */
public enum RecordingFormat {
    /**
     * Fragmented MP4: a fragment is complete at every keyframe, so a crash loses at most the last two seconds and
     * leaves a playable file.
     */
    MP4("mp4", Map.of("movflags", "frag_keyframe+empty_moov+default_base_moof")),
    /** Matroska: clusters are playable as written, without an index at the end. */
    MKV("matroska", Map.of()),
    /** FLV, exactly as streamed. */
    FLV("flv", Map.of());

    private final String muxer;
    private final Map<String, String> options;

    RecordingFormat(String muxer, Map<String, String> options) {
        this.muxer = muxer;
        this.options = options;
    }

    public String muxer() {
        return muxer;
    }

    public Map<String, String> options() {
        return options;
    }

    /**
     * @throws IllegalArgumentException naming the extensions that work
     */
    public static RecordingFormat of(Path file) {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mp4")) {
            return MP4;
        }
        if (name.endsWith(".mkv")) {
            return MKV;
        }
        if (name.endsWith(".flv")) {
            return FLV;
        }
        throw new IllegalArgumentException(
                "cannot record to \"" + file + "\": name a .mp4 (fragmented MP4), .mkv or .flv file");
    }
}
