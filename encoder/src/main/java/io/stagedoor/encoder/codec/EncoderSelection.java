package io.stagedoor.encoder.codec;

import io.stagedoor.encoder.source.Platform;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Predicate;

/** Picks the video encoder: the first hardware candidate FFmpeg offers whose probe encode succeeds, else x264. */
public final class EncoderSelection {

    /** Tries a short encode with one encoder; empty on success, else why it failed. */
    @FunctionalInterface
    public interface Probe {
        Optional<String> failure(VideoEncoder encoder);
    }

    private EncoderSelection() {}

    /** @param offered whether this FFmpeg build has an encoder of that name */
    public static EncoderChoice choose(
            EncoderPreference preference, Platform platform, Predicate<String> offered, Probe probe) {
        var rejected = new ArrayList<String>();
        if (preference == EncoderPreference.AUTO) {
            for (var candidate : VideoEncoder.hardwareCandidates(platform)) {
                if (!offered.test(candidate.ffmpegName())) {
                    rejected.add(candidate.ffmpegName() + ": not offered by FFmpeg");
                    continue;
                }
                var failure = probe.failure(candidate);
                if (failure.isEmpty()) {
                    return new EncoderChoice(candidate, rejected);
                }
                rejected.add(candidate.ffmpegName() + ": probe failed: " + failure.get());
            }
        }
        return new EncoderChoice(VideoEncoder.X264, rejected);
    }
}
