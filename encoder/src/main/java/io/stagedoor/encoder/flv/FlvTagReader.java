package io.stagedoor.encoder.flv;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits the byte stream of an FLV muxer into tags as it is written: give it to FFmpeg as the output and each complete
 * tag goes to the consumer, on the writing thread. Not thread-safe; one writer.
 */
public final class FlvTagReader extends OutputStream {

    private static final int FILE_HEADER_BYTES = 13;
    private static final int TAG_HEADER_BYTES = 11;
    private static final int PREVIOUS_TAG_SIZE_BYTES = 4;
    /** Far beyond any real tag (a 100 Mbps keyframe is a few MB); protects against a corrupt stream. */
    private static final int MAX_TAG_BYTES = 64 << 20;

    private final Consumer<FlvTag> consumer;
    private byte[] buffer = new byte[64 << 10];
    private int filled;
    private boolean headerSeen;
    private long tags;

    public FlvTagReader(Consumer<FlvTag> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureCapacity(filled + length);
        System.arraycopy(bytes, offset, buffer, filled, length);
        filled += length;
        drain();
    }

    /** Tags handed to the consumer so far. */
    public long tags() {
        return tags;
    }

    private void drain() throws IOException {
        int position = 0;
        if (!headerSeen) {
            if (filled < FILE_HEADER_BYTES) {
                return;
            }
            if (buffer[0] != 'F' || buffer[1] != 'L' || buffer[2] != 'V') {
                throw new IOException("not an FLV stream: it does not start with \"FLV\"");
            }
            int dataOffset = readInt(buffer, 5);
            position = dataOffset + PREVIOUS_TAG_SIZE_BYTES;
            if (filled < position) {
                return;
            }
            headerSeen = true;
        }
        while (filled - position >= TAG_HEADER_BYTES) {
            int type = buffer[position] & 0x1F;
            int size = readUint24(buffer, position + 1);
            if (size > MAX_TAG_BYTES) {
                throw new IOException("corrupt FLV stream: a tag of " + size + " bytes");
            }
            int total = TAG_HEADER_BYTES + size + PREVIOUS_TAG_SIZE_BYTES;
            if (filled - position < total) {
                ensureCapacity(position + total);
                break;
            }
            long timestamp = readUint24(buffer, position + 4) | ((long) (buffer[position + 7] & 0xFF) << 24);
            byte[] data = Arrays.copyOfRange(buffer, position + TAG_HEADER_BYTES, position + TAG_HEADER_BYTES + size);
            position += total;
            tags++;
            consumer.accept(new FlvTag(type, timestamp, data));
        }
        System.arraycopy(buffer, position, buffer, 0, filled - position);
        filled -= position;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    private static int readUint24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | readUint24(b, at + 1);
    }
}
