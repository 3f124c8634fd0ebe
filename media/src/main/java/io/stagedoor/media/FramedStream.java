package io.stagedoor.media;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * An output stream that gathers bytes until its subclass can take whole frames (tags, boxes) off the front: give it to
 * a muxer as its output, or copy a pipe into it, and each complete frame is handed on as the write that completes it
 * returns. The buffer grows to the largest frame the subclass lets through, and the subclass checks a frame's size
 * before asking for room. Not thread-safe; one writer.
 */
public abstract class FramedStream extends OutputStream {

    private byte[] buffer = new byte[64 * 1024];
    private int filled;

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        room(filled + length);
        System.arraycopy(bytes, offset, buffer, filled, length);
        filled += length;
        int consumed = frames(buffer, filled);
        System.arraycopy(buffer, consumed, buffer, 0, filled - consumed);
        filled -= consumed;
    }

    /** Bytes of a frame not complete yet: 0 when the stream is between frames. */
    public final int pendingBytes() {
        return filled;
    }

    /**
     * Hands on every complete frame at the front of {@code bytes[0, filled)}; returns how many bytes they took.
     * Throws, naming what was wrong, for bytes that cannot be the stream's.
     */
    protected abstract int frames(byte[] bytes, int filled) throws IOException;

    /** Makes the buffer hold at least {@code bytes}: a subclass calls it, once a frame's size is checked, to wait for it. */
    protected final void room(int bytes) {
        if (bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(bytes, buffer.length * 2));
        }
    }
}
