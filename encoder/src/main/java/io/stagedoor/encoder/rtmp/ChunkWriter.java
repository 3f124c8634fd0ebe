package io.stagedoor.encoder.rtmp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts RTMP messages into chunks (RTMP 1.0, section 5.3). Every message starts with a type 0 header, so no state
 * from an earlier message is needed to read it; continuation chunks use type 3. Not thread-safe.
 */
public final class ChunkWriter {

    /** The chunk size every RTMP peer starts with. */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    private static final long EXTENDED_TIMESTAMP = 0xFFFFFF;

    private final OutputStream out;
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    public ChunkWriter(OutputStream out) {
        this.out = out;
    }

    /** Takes effect for the next message; announce it to the peer first with a Set Chunk Size message. */
    public void chunkSize(int bytes) {
        if (bytes < 1 || bytes > 0x7FFFFFFF) {
            throw new IllegalArgumentException("chunk size out of range: " + bytes);
        }
        chunkSize = bytes;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Writes one message.
     *
     * @param chunkStreamId 2 to 65599; 2 is reserved for protocol control messages
     */
    public void write(int chunkStreamId, RtmpMessage message) throws IOException {
        long timestamp = message.timestampMillis() & 0xFFFFFFFFL;
        boolean extended = timestamp >= EXTENDED_TIMESTAMP;
        byte[] payload = message.payload();
        writeBasicHeader(0, chunkStreamId);
        writeUint24(extended ? EXTENDED_TIMESTAMP : timestamp);
        writeUint24(payload.length);
        out.write(message.type());
        int streamId = message.streamId();
        // The message stream id is the one little-endian field of RTMP.
        out.write(streamId);
        out.write(streamId >>> 8);
        out.write(streamId >>> 16);
        out.write(streamId >>> 24);
        if (extended) {
            writeUint32(timestamp);
        }
        int offset = 0;
        do {
            if (offset > 0) {
                writeBasicHeader(3, chunkStreamId);
                if (extended) {
                    writeUint32(timestamp);
                }
            }
            int length = Math.min(chunkSize, payload.length - offset);
            out.write(payload, offset, length);
            offset += length;
        } while (offset < payload.length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void writeBasicHeader(int format, int chunkStreamId) throws IOException {
        if (chunkStreamId < 2 || chunkStreamId > 65599) {
            throw new IllegalArgumentException("chunk stream id out of range: " + chunkStreamId);
        }
        if (chunkStreamId < 64) {
            out.write((format << 6) | chunkStreamId);
        } else if (chunkStreamId < 320) {
            out.write(format << 6);
            out.write(chunkStreamId - 64);
        } else {
            out.write((format << 6) | 1);
            int id = chunkStreamId - 64;
            out.write(id & 0xFF);
            out.write(id >>> 8);
        }
    }

    private void writeUint24(long value) throws IOException {
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private void writeUint32(long value) throws IOException {
        out.write((int) (value >>> 24));
        writeUint24(value);
    }
}
