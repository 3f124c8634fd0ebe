package io.stagedoor.encoder.source;

/**
 * A camera found on this machine.
 *
 * @param index its position in the list, as {@code camera:N} names it
 * @param name what the system calls it
 * @param input how FFmpeg opens it: a device path on Linux ({@code /dev/video0}), a name or index elsewhere
 */
public record CameraInfo(int index, String name, String input) {}
