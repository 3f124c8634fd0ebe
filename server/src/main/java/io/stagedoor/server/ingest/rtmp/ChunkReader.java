package io.stagedoor.server.ingest.rtmp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from chunks. Handles the four chunk header types, one-, two- and three-byte chunk
 * stream IDs, extended timestamps (including their repetition on type-3 chunks, which some senders leave out),
 * timestamps that wrap after 2³² ms, chunk-size changes and aborts. Limits on message size and chunk streams are
 * checked before anything is allocated.
 */
public final class ChunkReader {

    static final long EXTENDED = 0xFFFFFF;
    private static final long WRAP = 1L << 32;

    private final PushbackInputStream pushback;
    private final DataInputStream in;
    private final RtmpLimits limits;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private int chunkSize = 128;
    private long bytesRead;

    public ChunkReader(InputStream input, RtmpLimits limits) {
        this.pushback = new PushbackInputStream(input, 4);
        this.in = new DataInputStream(new CountingStream());
        this.limits = limits;
    }

    /** Everything about one chunk stream that later chunks inherit. */
    private static final class ChunkStream {
        long timestamp;
        long lastDelta;
        int length;
        int type;
        int streamId;
        boolean extended;
        long extendedValue;
        byte[] partial;
        int filled;
        boolean started;
    }

    /** Bytes read from the peer so far, for acknowledgements. */
    public long bytesRead() {
        return bytesRead;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Applies the peer's Set Chunk Size. */
    public void setChunkSize(int size) throws RtmpProtocolException {
        if (size < 1 || size > limits.maxChunkSize()) {
            throw new RtmpProtocolException("Chunk size " + size + " is outside 1.." + limits.maxChunkSize());
        }
        chunkSize = size;
    }

    /** Applies the peer's Abort: the partly received message on that chunk stream is dropped. */
    public void abort(int chunkStreamId) {
        var stream = streams.get(chunkStreamId);
        if (stream != null) {
            stream.partial = null;
            stream.filled = 0;
        }
    }

    /** The next complete message; blocks until one has arrived. */
    public RtmpMessage next() throws IOException {
        while (true) {
            var message = readChunk();
            if (message != null) {
                return message;
            }
        }
    }

    private RtmpMessage readChunk() throws IOException {
        int first = in.readUnsignedByte();
        int format = first >>> 6;
        int csid = first & 0x3f;
        if (csid == 0) {
            csid = 64 + in.readUnsignedByte();
        } else if (csid == 1) {
            csid = 64 + in.readUnsignedByte() + in.readUnsignedByte() * 256;
        }
        var stream = streams.get(csid);
        if (stream == null) {
            if (streams.size() >= limits.maxChunkStreams()) {
                throw new RtmpProtocolException("More than " + limits.maxChunkStreams() + " chunk streams");
            }
            if (format != 0) {
                throw new RtmpProtocolException("Chunk stream " + csid + " starts with header type " + format
                        + "; the first chunk must carry a full header");
            }
            stream = new ChunkStream();
            streams.put(csid, stream);
        }

        boolean newMessage = stream.partial == null;
        switch (format) {
            case 0 -> {
                long timestamp = read24();
                stream.length = read24();
                stream.type = in.readUnsignedByte();
                stream.streamId = Integer.reverseBytes(in.readInt());
                stream.extended = timestamp == EXTENDED;
                if (stream.extended) {
                    timestamp = in.readInt() & 0xffffffffL;
                    stream.extendedValue = timestamp;
                }
                if (!newMessage) {
                    throw new RtmpProtocolException(
                            "A new message began on chunk stream " + csid + " before the previous one was complete");
                }
                stream.timestamp = unwrap(stream, timestamp);
                stream.lastDelta = 0;
                stream.started = true;
            }
            case 1, 2 -> {
                long delta = read24();
                if (format == 1) {
                    stream.length = read24();
                    stream.type = in.readUnsignedByte();
                }
                stream.extended = delta == EXTENDED;
                if (stream.extended) {
                    delta = in.readInt() & 0xffffffffL;
                    stream.extendedValue = delta;
                }
                if (!newMessage) {
                    throw new RtmpProtocolException(
                            "A new message began on chunk stream " + csid + " before the previous one was complete");
                }
                stream.lastDelta = delta;
                stream.timestamp += delta;
            }
            default -> {
                if (stream.extended) {
                    skipRepeatedExtendedTimestamp(stream);
                }
                if (newMessage) {
                    stream.timestamp += stream.lastDelta;
                }
            }
        }

        if (newMessage) {
            if (stream.length < 0 || stream.length > limits.maxMessageBytes()) {
                throw new RtmpProtocolException(
                        "Message of " + stream.length + " bytes exceeds the limit of " + limits.maxMessageBytes());
            }
            stream.partial = new byte[stream.length];
            stream.filled = 0;
        }
        int take = Math.min(chunkSize, stream.length - stream.filled);
        in.readFully(stream.partial, stream.filled, take);
        stream.filled += take;
        if (stream.filled < stream.length) {
            return null;
        }
        var message = new RtmpMessage(csid, stream.type, stream.streamId, stream.timestamp, stream.partial);
        stream.partial = null;
        stream.filled = 0;
        return message;
    }

    /**
     * The specification repeats a chunk's extended timestamp on every type-3 chunk after it, and FFmpeg and OBS do
     * so, but some encoders leave it out. The next four bytes are taken as the repetition only when they equal the
     * value announced; otherwise they are the payload.
     */
    private void skipRepeatedExtendedTimestamp(ChunkStream stream) throws IOException {
        var next = new byte[4];
        int got = pushback.readNBytes(next, 0, 4);
        long value = got == 4
                ? ((next[0] & 0xffL) << 24) | ((next[1] & 0xffL) << 16) | ((next[2] & 0xffL) << 8) | (next[3] & 0xffL)
                : -1;
        if (value == stream.extendedValue) {
            bytesRead += 4;
        } else {
            pushback.unread(next, 0, got);
        }
    }

    /** An absolute timestamp continues the stream's 64-bit clock, counting 32-bit wraps. */
    private static long unwrap(ChunkStream stream, long timestamp32) {
        if (!stream.started) {
            return timestamp32;
        }
        long epoch = stream.timestamp - (stream.timestamp & (WRAP - 1));
        long candidate = epoch + timestamp32;
        if (candidate < stream.timestamp - WRAP / 2) {
            candidate += WRAP;
        } else if (candidate > stream.timestamp + WRAP / 2 && candidate >= WRAP) {
            candidate -= WRAP;
        }
        return candidate;
    }

    private int read24() throws IOException {
        return (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
    }

    /** Counts what the chunk parser consumes, for acknowledgements. */
    private final class CountingStream extends InputStream {
        @Override
        public int read() throws IOException {
            int b = pushback.read();
            if (b < 0) {
                throw new EOFException("The publisher closed the connection");
            }
            bytesRead++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = pushback.read(buffer, offset, length);
            if (n < 0) {
                throw new EOFException("The publisher closed the connection");
            }
            bytesRead += n;
            return n;
        }
    }
}
