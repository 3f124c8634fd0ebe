package io.stagedoor.media.flv;

import io.stagedoor.media.FramedStream;
import io.stagedoor.media.MalformedMediaException;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits the byte stream of an FLV muxer into tags as it is written: give it to FFmpeg as the output and each complete
 * tag goes to the consumer, on the writing thread. A stream that is not FLV, or a tag of a type or size no muxer
 * writes, ends in a {@link MalformedMediaException}. Not thread-safe; one writer.
 */
public final class FlvTagReader extends FramedStream {

    private static final int FILE_HEADER_BYTES = 13;
    private static final int TAG_HEADER_BYTES = 11;
    private static final int PREVIOUS_TAG_SIZE_BYTES = 4;
    /** The file header is 9 bytes in every FLV version there is; a little room for one that adds to it. */
    private static final int MAX_HEADER_BYTES = 1024;

    private final Consumer<FlvTag> consumer;
    private boolean headerSeen;
    private long tags;

    public FlvTagReader(Consumer<FlvTag> consumer) {
        this.consumer = consumer;
    }

    /** Tags handed to the consumer so far. */
    public long tags() {
        return tags;
    }

    @Override
    protected int frames(byte[] buffer, int filled) throws IOException {
        int position = 0;
        if (!headerSeen) {
            if (filled < FILE_HEADER_BYTES) {
                return 0;
            }
            if (buffer[0] != 'F' || buffer[1] != 'L' || buffer[2] != 'V') {
                throw new MalformedMediaException("Not an FLV stream: it does not start with \"FLV\"");
            }
            int dataOffset = readInt(buffer, 5);
            if (dataOffset < 9 || dataOffset > MAX_HEADER_BYTES) {
                throw new MalformedMediaException("Corrupt FLV stream: a file header of " + dataOffset + " bytes");
            }
            position = dataOffset + PREVIOUS_TAG_SIZE_BYTES;
            if (filled < position) {
                room(position);
                return 0;
            }
            headerSeen = true;
        }
        while (filled - position >= TAG_HEADER_BYTES) {
            int type = buffer[position] & 0x1F;
            if (type != FlvTag.AUDIO && type != FlvTag.VIDEO && type != FlvTag.SCRIPT) {
                throw new MalformedMediaException("Corrupt FLV stream: a tag of type " + type);
            }
            int size = readUint24(buffer, position + 1); // at most 16 MiB: what 24 bits can say
            int total = TAG_HEADER_BYTES + size + PREVIOUS_TAG_SIZE_BYTES;
            if (filled - position < total) {
                room(position + total);
                break;
            }
            long timestamp = readUint24(buffer, position + 4) | ((long) (buffer[position + 7] & 0xFF) << 24);
            byte[] data = Arrays.copyOfRange(buffer, position + TAG_HEADER_BYTES, position + TAG_HEADER_BYTES + size);
            position += total;
            tags++;
            consumer.accept(new FlvTag(type, timestamp, data));
        }
        return position;
    }

    private static int readUint24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | readUint24(b, at + 1);
    }
}
