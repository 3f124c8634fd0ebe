package io.stagedoor.media.rtmp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts RTMP messages into chunks (RTMP 1.0, section 5.3). Every message starts with a type 0 header, so no state from
 * an earlier message is needed to read it; continuation chunks use type 3 and repeat an extended timestamp, as the
 * specification, FFmpeg and OBS do. Bytes go to the stream as they are written; {@link #flush()} pushes them on. Each
 * method holds the writer's lock, so messages from several threads never interleave.
 */
public final class ChunkWriter {

    /** The chunk size every RTMP peer starts with. */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    private final OutputStream out;
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    public ChunkWriter(OutputStream out) {
        this.out = out;
    }

    /** Takes effect for the next message; announce it to the peer first with a Set Chunk Size message. */
    public synchronized void chunkSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("A chunk size must be positive: " + bytes);
        }
        chunkSize = bytes;
    }

    public synchronized int chunkSize() {
        return chunkSize;
    }

    /** Writes one message on its chunk stream. */
    public synchronized void write(RtmpMessage message) throws IOException {
        int csid = message.chunkStreamId();
        if (csid < 2 || csid > 65599) {
            throw new IllegalArgumentException("A chunk stream ID must be 2 to 65599: " + csid);
        }
        var payload = message.payload();
        long timestamp = message.timestamp() & 0xffffffffL;
        boolean extended = timestamp >= ChunkReader.EXTENDED;
        basicHeader(0, csid);
        write24(extended ? ChunkReader.EXTENDED : timestamp);
        write24(payload.length);
        out.write(message.type());
        int streamId = message.streamId(); // little-endian, unlike every other field
        out.write(streamId);
        out.write(streamId >>> 8);
        out.write(streamId >>> 16);
        out.write(streamId >>> 24);
        if (extended) {
            write32(timestamp);
        }
        int offset = 0;
        do {
            if (offset > 0) {
                basicHeader(3, csid);
                if (extended) {
                    write32(timestamp);
                }
            }
            int length = Math.min(chunkSize, payload.length - offset);
            out.write(payload, offset, length);
            offset += length;
        } while (offset < payload.length);
    }

    /** Pushes what was written on to the network; blocks while the network cannot take it. */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** {@link #write} and {@link #flush}, for a message that should leave at once. */
    public synchronized void send(RtmpMessage message) throws IOException {
        write(message);
        out.flush();
    }

    private void basicHeader(int format, int csid) throws IOException {
        if (csid < 64) {
            out.write((format << 6) | csid);
        } else if (csid < 320) {
            out.write(format << 6);
            out.write(csid - 64);
        } else {
            out.write((format << 6) | 1);
            out.write((csid - 64) & 0xff);
            out.write((csid - 64) >>> 8);
        }
    }

    private void write24(long value) throws IOException {
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private void write32(long value) throws IOException {
        out.write((int) (value >>> 24));
        write24(value);
    }
}
