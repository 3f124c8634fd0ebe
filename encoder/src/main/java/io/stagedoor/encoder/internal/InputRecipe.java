package io.stagedoor.encoder.internal;

import java.util.Map;

/**
 * How FFmpeg opens one input.
 *
 * @param format FFmpeg's input format, or empty to let it guess from a file
 * @param input the file, device or filter graph
 * @param options demuxer or device options
 * @param paced whether the input comes as fast as it is read (files, lavfi), so the reader must wait for each
 *     frame's time
 * @param loop start again at the end (files)
 * @param audio whether to read its sound
 */
record InputRecipe(
        String format, String input, Map<String, String> options, boolean paced, boolean loop, boolean audio) {

    InputRecipe {
        options = Map.copyOf(options);
    }
}
