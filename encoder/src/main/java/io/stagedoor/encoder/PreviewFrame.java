package io.stagedoor.encoder;

import java.nio.IntBuffer;

/**
 * A picture of the active source scaled to the size the preview asked for ({@code Broadcast.previewSize}), as premultiplied ARGB in native byte order: exactly what JavaFX's
 * {@code PixelBuffer<IntBuffer>} with {@code PixelFormat.getIntArgbPreInstance()} wraps without copying. The encoder
 * alternates between two buffers, so a frame's pixels are overwritten two frames later: draw them (or copy them)
 * before then. Each buffer's {@code pixels} is the same object from frame to frame until the size changes, when two
 * new buffers take their place. The alpha is always opaque, so premultiplied and straight ARGB are the same.
 *
 * @param pixels {@code width × height} pixels, row after row; a direct buffer
 * @param bufferIndex 0 or 1: which of the two buffers this is, so a view can keep one wrapper per buffer
 */
public record PreviewFrame(int width, int height, IntBuffer pixels, int bufferIndex) {}
