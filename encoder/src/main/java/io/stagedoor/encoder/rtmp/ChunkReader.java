package io.stagedoor.encoder.rtmp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reassembles RTMP messages from the chunks a peer sends (all four header types, extended timestamps). */
public final class ChunkReader {

    private static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final DataInputStream in;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private int chunkSize = ChunkWriter.DEFAULT_CHUNK_SIZE;
    private long bytesRead;

    public ChunkReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The peer's chunk size, as its Set Chunk Size message announced. */
    public void chunkSize(int bytes) {
        chunkSize = bytes;
    }

    /** Bytes read from the peer so far, for acknowledgements. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Reads chunks until one message is complete.
     *
     * @throws EOFException when the peer closed the connection
     */
    public RtmpMessage read() throws IOException {
        while (true) {
            int first = readByte();
            int format = first >>> 6;
            int chunkStreamId = first & 0x3F;
            if (chunkStreamId == 0) {
                chunkStreamId = 64 + readByte();
            } else if (chunkStreamId == 1) {
                chunkStreamId = 64 + readByte() + (readByte() << 8);
            }
            var stream = streams.computeIfAbsent(chunkStreamId, id -> new ChunkStream());
            if (format == 0 && stream.partial != null) {
                throw new IOException("RTMP peer started a new message before finishing the last one");
            }
            long timestampField = 0;
            if (format <= 2) {
                timestampField = readUint24();
            }
            if (format <= 1) {
                stream.length = (int) readUint24();
                stream.type = readByte();
            }
            if (format == 0) {
                stream.streamId = readByte() | readByte() << 8 | readByte() << 16 | readByte() << 24;
            }
            boolean extended = format <= 2 ? timestampField == 0xFFFFFF : stream.extended;
            if (format <= 2) {
                stream.extended = extended;
            }
            long timestampValue = extended ? readUint32() : timestampField;
            if (stream.partial == null) {
                if (format == 0) {
                    stream.timestamp = timestampValue;
                } else if (format <= 2) {
                    stream.delta = timestampValue;
                    stream.timestamp += timestampValue;
                } else {
                    stream.timestamp += stream.delta;
                }
                if (stream.length > MAX_MESSAGE_BYTES) {
                    throw new IOException("RTMP peer announced a message of " + stream.length + " bytes");
                }
                stream.partial = new byte[stream.length];
                stream.filled = 0;
            }
            int length = Math.min(chunkSize, stream.length - stream.filled);
            in.readFully(stream.partial, stream.filled, length);
            bytesRead += length;
            stream.filled += length;
            if (stream.filled == stream.length) {
                var message = new RtmpMessage(stream.type, stream.streamId, stream.timestamp, stream.partial);
                stream.partial = null;
                return message;
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the RTMP peer closed the connection");
        }
        bytesRead++;
        return b;
    }

    private long readUint24() throws IOException {
        return ((long) readByte() << 16) | (readByte() << 8) | readByte();
    }

    private long readUint32() throws IOException {
        return ((long) readByte() << 24) | readUint24();
    }

    private static final class ChunkStream {
        int type;
        int streamId;
        int length;
        long timestamp;
        long delta;
        boolean extended;
        byte @Nullable [] partial;
        int filled;
    }
}
