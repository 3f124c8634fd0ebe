package io.stagedoor.server.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunk reader on any bytes, applying chunk sizes and aborts as a connection does. Besides ending only with
 * {@link RtmpProtocolException} or {@link EOFException}, it must never hand out a message over the limit, hold more
 * than the limit in unfinished messages, or claim to have read more than it was given. The first byte picks the
 * default limits (even) or tight ones (odd), so that every limit can be reached.
 */
class ChunkReaderFuzzTest {

    private static final RtmpLimits TIGHT =
            new RtmpLimits(1000, 4096, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 64);

    static List<byte[]> seeds() {
        var publish = FuzzSeeds.publish();
        var tight = new byte[publish.length + 1];
        tight[0] = 1;
        System.arraycopy(publish, 0, tight, 1, publish.length);
        var defaults = tight.clone();
        defaults[0] = 0;
        return List.of(defaults, tight);
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        var limits = (input[0] & 1) == 0 ? RtmpLimits.DEFAULTS : TIGHT;
        var reader = new ChunkReader(new ByteArrayInputStream(input, 1, input.length - 1), limits);
        try {
            while (true) { // each message consumes at least one byte, so the input's end stops this
                var message = reader.next();
                check(message.payload().length <= limits.maxMessageBytes(), "a message over the limit");
                var payload = ByteBuffer.wrap(message.payload());
                if (message.type() == RtmpMessage.SET_CHUNK_SIZE && payload.remaining() >= 4) {
                    reader.setChunkSize(payload.getInt() & 0x7fffffff);
                } else if (message.type() == RtmpMessage.ABORT && payload.remaining() >= 4) {
                    reader.abort(payload.getInt());
                }
                check(reader.bufferedBytes() <= limits.maxBufferedBytes(), "unfinished messages over the limit");
                check(reader.bytesRead() <= input.length - 1, "more bytes counted than given");
            }
        } catch (RtmpProtocolException | EOFException expected) {
            // the documented ways to refuse
        }
        check(reader.bufferedBytes() <= limits.maxBufferedBytes(), "unfinished messages over the limit");
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}
