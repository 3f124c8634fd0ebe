package io.stagedoor.media.mp4;

import io.stagedoor.media.FramedStream;
import io.stagedoor.media.MalformedMediaException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Splits a stream of MP4 boxes into its top-level boxes as the bytes are written: give it to a muxer as its output (or
 * copy a pipe into it) and each complete box goes to the consumer, on the writing thread. A box larger than the limit,
 * a size smaller than its own header, or a box that claims to run to the end of a stream that has none ends in a
 * {@link MalformedMediaException}, before its bytes are held. Not thread-safe; one writer.
 */
public final class BoxReader extends FramedStream {

    /** Takes each box as it is complete; what it throws ends the write that completed the box. */
    @FunctionalInterface
    public interface Consumer {
        void accept(Box box) throws IOException;
    }

    private final Consumer consumer;
    private final long maxBoxBytes;
    private long boxes;

    /** @param maxBoxBytes the largest box accepted: a fragment's {@code mdat} at the highest bitrate, with room */
    public BoxReader(long maxBoxBytes, Consumer consumer) {
        if (maxBoxBytes < 16) {
            throw new IllegalArgumentException("A box limit must hold a box header: " + maxBoxBytes);
        }
        this.maxBoxBytes = Math.min(maxBoxBytes, Integer.MAX_VALUE - 64);
        this.consumer = consumer;
    }

    /** Boxes handed to the consumer so far. */
    public long boxes() {
        return boxes;
    }

    @Override
    protected int frames(byte[] buffer, int filled) throws IOException {
        int position = 0;
        while (filled - position >= 8) {
            long size = uint32(buffer, position);
            int header = 8;
            if (size == 1) {
                if (filled - position < 16) {
                    break;
                }
                size = uint64(buffer, position + 8);
                header = 16;
            } else if (size == 0) {
                throw new MalformedMediaException("A \"" + Box.typeAt(buffer, position + 4)
                        + "\" box that runs to the end of the file, in a stream that has no end");
            }
            if (size < header) {
                throw new MalformedMediaException(
                        "A box of " + size + " bytes, smaller than its own " + header + "-byte header");
            }
            if (size > maxBoxBytes) {
                throw new MalformedMediaException("A \"" + Box.typeAt(buffer, position + 4) + "\" box of " + size
                        + " bytes, more than the " + maxBoxBytes + " allowed");
            }
            if (filled - position < size) {
                room(position + (int) size);
                break;
            }
            var bytes = Arrays.copyOfRange(buffer, position, position + (int) size);
            position += (int) size;
            boxes++;
            consumer.accept(new Box(Box.typeAt(bytes, 4), bytes, header));
        }
        return position;
    }

    static long uint32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    static long uint64(byte[] b, int at) {
        return (uint32(b, at) << 32) | uint32(b, at + 4);
    }
}
