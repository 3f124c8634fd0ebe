package io.stagedoor.encoder.record;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A recording under way.
 *
 * @param file where it goes
 * @param elapsed since it was started
 * @param bytes the file's size on disk so far
 * @param problem why it stopped early, or {@code null} while it is fine
 */
public record RecordingStatus(
        Path file, Duration elapsed, long bytes, @Nullable String problem) {}
