package io.stagedoor.media.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunk reader on any bytes, applying chunk sizes and aborts as a connection does. Besides ending only with
 * {@link RtmpProtocolException}, {@link BufferBudgetExceededException} or {@link EOFException}, it must never hand
 * out a message over the limit of the moment, hold more than that limit in unfinished messages, take more from the
 * shared budget than it holds or than the budget has, keep anything after it is released, or claim to have read more
 * than it was given. The first byte picks: the default limits or tight ones (bit 0), a reader of a publisher or of a
 * stranger (bit 1) that publishes after its first message (bit 2), and an unlimited shared budget or a small one
 * (bit 3), so that every limit can be reached.
 */
class ChunkReaderFuzzTest {

    private static final RtmpLimits TIGHT =
            new RtmpLimits(1000, 4096, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 64, 300);

    static List<byte[]> seeds() {
        var publish = RtmpSeeds.publish();
        var seeds = new java.util.ArrayList<byte[]>();
        for (int mode = 0; mode < 16; mode++) {
            var seed = new byte[publish.length + 1];
            seed[0] = (byte) mode;
            System.arraycopy(publish, 0, seed, 1, publish.length);
            seeds.add(seed);
        }
        return seeds;
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int mode = input[0];
        var limits = (mode & 1) == 0 ? RtmpLimits.DEFAULTS : TIGHT;
        var budget = (mode & 8) == 0 ? BufferBudget.unlimited() : new BufferBudget(3000, "test.budget");
        var stream = new ByteArrayInputStream(input, 1, input.length - 1);
        var reader = ChunkReader.beforePublish(stream, limits, budget);
        if ((mode & 2) == 0) {
            reader.publishAccepted();
        }
        try {
            while (true) { // each message consumes at least one byte, so the input's end stops this
                int allowed = reader.maxMessageBytes();
                var message = reader.next();
                check(message.payload().length <= allowed, "a message over the limit");
                var payload = ByteBuffer.wrap(message.payload());
                if (message.type() == RtmpMessage.SET_CHUNK_SIZE && payload.remaining() >= 4) {
                    reader.setChunkSize(payload.getInt() & 0x7fffffff);
                } else if (message.type() == RtmpMessage.ABORT && payload.remaining() >= 4) {
                    reader.abort(payload.getInt());
                }
                if ((mode & 4) != 0) {
                    reader.publishAccepted();
                }
                checkHeld(reader, budget);
                check(reader.bytesRead() <= input.length - 1, "more bytes counted than given");
            }
        } catch (RtmpProtocolException | BufferBudgetExceededException | EOFException expected) {
            // the documented ways to refuse
        }
        checkHeld(reader, budget);
        reader.releaseAll();
        check(reader.bufferedBytes() == 0 && budget.used() == 0, "buffers kept after the release");
    }

    private static void checkHeld(ChunkReader reader, BufferBudget budget) {
        check(reader.bufferedBytes() <= reader.maxBufferedBytes(), "unfinished messages over the limit");
        check(budget.used() <= budget.maxBytes(), "the shared budget overdrawn");
        check(budget.usedByStrangers() <= budget.strangersMaxBytes(), "strangers over their half of the budget");
        check(budget.used() == reader.bufferedBytes(), "the budget and the reader disagree");
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }
}
