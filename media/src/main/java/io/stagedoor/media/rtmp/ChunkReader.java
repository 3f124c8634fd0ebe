package io.stagedoor.media.rtmp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles RTMP messages from chunks. Handles the four chunk header types, one-, two- and three-byte chunk
 * stream IDs, extended timestamps (including their repetition on type-3 chunks, which some senders leave out),
 * timestamps that wrap after 2³² ms, chunk-size changes and aborts. Limits on message size and chunk streams are
 * checked before anything is allocated, and a message's buffer grows with the bytes that really arrive, so a header
 * that announces a large message costs nothing until its payload comes. Every buffer is taken from a {@link
 * BufferBudget} shared with the server's other connections, and given back when its message completes, is aborted,
 * or the reader is {@linkplain #releaseAll() released}. A reader made {@linkplain #beforePublish before the publish}
 * keeps to {@link RtmpLimits#maxBytesBeforePublish()} until {@link #publishAccepted()}. Not thread-safe: one reader
 * per connection.
 */
public final class ChunkReader {

    static final long EXTENDED = 0xFFFFFF;
    private static final long WRAP = 1L << 32;
    private static final byte[] EMPTY = new byte[0];
    /** The first allocation for a message longer than one chunk; later ones double. */
    private static final int FIRST_BUFFER = 64 * 1024;
    /** The same before the publish, where messages are commands of a few hundred bytes. */
    private static final int FIRST_BUFFER_BEFORE_PUBLISH = 1024;

    private final PushbackInputStream pushback;
    private final DataInputStream in;
    private final RtmpLimits limits;
    private final BufferBudget budget;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private final byte[] peeked = new byte[4];
    private int chunkSize = 128;
    private long bytesRead;
    private long buffered;
    private boolean published;

    /** A reader held to the full limits, with no budget shared with others: a client's, or a test's. */
    public ChunkReader(InputStream input, RtmpLimits limits) {
        this(input, limits, BufferBudget.unlimited());
        publishAccepted();
    }

    private ChunkReader(InputStream input, RtmpLimits limits, BufferBudget budget) {
        this.pushback = new PushbackInputStream(input, 4);
        this.in = new DataInputStream(new CountingStream());
        this.limits = limits;
        this.budget = budget;
    }

    /** A server's reader for a peer that has not published yet, taking its buffers from {@code budget}. */
    public static ChunkReader beforePublish(InputStream input, RtmpLimits limits, BufferBudget budget) {
        return new ChunkReader(input, limits, budget);
    }

    /** The peer is a publisher now: from its next message on, it may send and hold what a publisher may. */
    public void publishAccepted() {
        if (!published) {
            published = true;
            budget.published(buffered);
        }
    }

    /** The largest message accepted now. */
    public int maxMessageBytes() {
        return published ? limits.maxMessageBytes() : limits.maxBytesBeforePublish();
    }

    /** What unfinished messages may hold together now. */
    public long maxBufferedBytes() {
        return published ? limits.maxBufferedBytes() : limits.maxBytesBeforePublish();
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
        byte @Nullable [] partial;
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

    /** Bytes held now in messages not yet complete, across all chunk streams. */
    long bufferedBytes() {
        return buffered;
    }

    /** Drops every unfinished message and gives its buffer back to the budget; for when the connection ends. */
    public void releaseAll() {
        streams.values().forEach(this::release);
    }

    /** Applies the peer's Abort: the partly received message on that chunk stream is dropped. */
    public void abort(int chunkStreamId) {
        var stream = streams.get(chunkStreamId);
        if (stream != null) {
            release(stream);
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
                // A type-3 header that starts the next message adds this field again: the specification says so,
                // and FFmpeg sends type 3 exactly when the next delta equals it.
                stream.lastDelta = timestamp;
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
            if (stream.length > maxMessageBytes()) {
                throw new RtmpProtocolException("Message of " + stream.length + " bytes exceeds the limit of "
                        + maxMessageBytes() + beforePublishing());
            }
            stream.partial = EMPTY;
            stream.filled = 0;
        }
        int take = Math.min(chunkSize, stream.length - stream.filled);
        var partial = ensureRoom(stream, stream.filled + take);
        in.readFully(partial, stream.filled, take);
        stream.filled += take;
        if (stream.filled < stream.length) {
            return null;
        }
        var message = new RtmpMessage(csid, stream.type, stream.streamId, stream.timestamp, partial);
        release(stream);
        return message;
    }

    /**
     * The message's buffer, grown to hold {@code needed} bytes: doubling, never past the message's length, within
     * what the connection may hold in unfinished messages, and taken from the budget before it is allocated.
     */
    private byte[] ensureRoom(ChunkStream stream, int needed) throws IOException {
        var partial = Objects.requireNonNull(stream.partial);
        if (partial.length >= needed) {
            return partial;
        }
        int first = published ? FIRST_BUFFER : FIRST_BUFFER_BEFORE_PUBLISH;
        int size = (int) Math.min(stream.length, Math.max(needed, Math.max(2L * partial.length, first)));
        long after = buffered - partial.length + size;
        if (after > maxBufferedBytes()) {
            throw new RtmpProtocolException("Unfinished messages would hold " + after + " bytes, more than "
                    + maxBufferedBytes() + beforePublishing());
        }
        budget.take(size - partial.length, !published);
        var grown = Arrays.copyOf(partial, size);
        buffered = after;
        stream.partial = grown;
        return grown;
    }

    private String beforePublishing() {
        return published ? "" : " before publishing";
    }

    private void release(ChunkStream stream) {
        if (stream.partial != null) {
            buffered -= stream.partial.length;
            budget.giveBack(stream.partial.length, !published);
        }
        stream.partial = null;
        stream.filled = 0;
    }

    /**
     * The specification repeats a chunk's extended timestamp on every type-3 chunk after it, and FFmpeg and OBS do
     * so, but some encoders leave it out. The next four bytes are taken as the repetition only when they equal the
     * value announced; otherwise they are the payload. They are compared one by one and reading stops at the first
     * that differs, so a chunk shorter than four bytes from a sender that leaves the repetition out is not held up
     * waiting for bytes that belong to a later message.
     */
    private void skipRepeatedExtendedTimestamp(ChunkStream stream) throws IOException {
        int got = 0;
        boolean repeated = true;
        while (got < 4 && repeated) {
            int b = pushback.read();
            if (b < 0) {
                repeated = false;
            } else {
                peeked[got++] = (byte) b;
                repeated = b == (int) ((stream.extendedValue >>> (24 - 8 * (got - 1))) & 0xff);
            }
        }
        if (repeated) {
            bytesRead += 4;
        } else {
            pushback.unread(peeked, 0, got);
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
                throw new EOFException("The peer closed the connection");
            }
            bytesRead++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = pushback.read(buffer, offset, length);
            if (n < 0) {
                throw new EOFException("The peer closed the connection");
            }
            bytesRead += n;
            return n;
        }
    }
}
