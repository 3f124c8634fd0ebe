package io.stagedoor.media.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.testing.ChunkBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each chunk-stream rule and quirk, with bytes written by hand. */
class ChunkReaderTest {

    private static final RtmpLimits LIMITS = RtmpLimits.DEFAULTS;

    private static List<RtmpMessage> read(byte[] bytes, int count) throws Exception {
        var reader = new ChunkReader(new ByteArrayInputStream(bytes), LIMITS);
        var messages = new ArrayList<RtmpMessage>();
        for (int i = 0; i < count; i++) {
            messages.add(reader.next());
        }
        return messages;
    }

    @Test
    void aMessageLongerThanTheChunkSizeIsJoinedFromContinuationChunks() throws Exception {
        var bytes = new ChunkBytes()
                .type0(4, 1000, 300, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type3(4)
                .filler(128, 2)
                .type3(4)
                .filler(44, 3)
                .toByteArray();

        var message = read(bytes, 1).getFirst();

        assertThat(message.type()).isEqualTo(RtmpMessage.VIDEO);
        assertThat(message.streamId()).isEqualTo(1);
        assertThat(message.timestamp()).isEqualTo(1000);
        assertThat(message.payload()).hasSize(300);
        assertThat(message.payload()[127]).isEqualTo((byte) 1);
        assertThat(message.payload()[128]).isEqualTo((byte) 2);
        assertThat(message.payload()[299]).isEqualTo((byte) 3);
    }

    @Test
    void headerTypesOneTwoAndThreeInheritWhatTheyLeaveOut() throws Exception {
        var bytes = new ChunkBytes()
                .type0(6, 100, 2, RtmpMessage.AUDIO, 1)
                .bytes((byte) 0xaf, (byte) 1)
                .type1(6, 23, 3, RtmpMessage.AUDIO)
                .bytes((byte) 0xaf, (byte) 1, (byte) 9) // new length
                .type2(6, 21)
                .bytes((byte) 0xaf, (byte) 1, (byte) 8) // same length and type, new delta
                .type3(6)
                .bytes((byte) 0xaf, (byte) 1, (byte) 7) // everything repeated, delta too
                .toByteArray();

        var messages = read(bytes, 4);

        assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(100L, 123L, 144L, 165L);
        assertThat(messages).extracting(m -> m.payload().length).containsExactly(2, 3, 3, 3);
        assertThat(messages).allSatisfy(m -> assertThat(m.streamId()).isEqualTo(1));
    }

    @Test
    void chunkStreamIdsOfOneTwoAndThreeBytes() throws Exception {
        var bytes = new ChunkBytes()
                .type0(63, 0, 1, 20, 0)
                .bytes((byte) 1)
                .type0(64, 0, 1, 20, 0)
                .bytes((byte) 2)
                .type0(319, 0, 1, 20, 0)
                .bytes((byte) 3)
                .type0(320, 0, 1, 20, 0)
                .bytes((byte) 4)
                .type0(65599, 0, 1, 20, 0)
                .bytes((byte) 5)
                .toByteArray();

        assertThat(read(bytes, 5)).extracting(RtmpMessage::chunkStreamId).containsExactly(63, 64, 319, 320, 65599);
    }

    @Test
    void theChunkSizeChangesWhenThePeerSaysSo() throws Exception {
        var bytes = new ChunkBytes()
                .type0(4, 0, 300, RtmpMessage.VIDEO, 1)
                .filler(300, 7)
                .toByteArray();
        var reader = new ChunkReader(new ByteArrayInputStream(bytes), LIMITS);
        reader.setChunkSize(4096);

        assertThat(reader.next().payload()).hasSize(300);
        assertThatThrownBy(() -> reader.setChunkSize(0)).isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> reader.setChunkSize(LIMITS.maxChunkSize() + 1)).hasMessageContaining("outside 1..");
    }

    @Test
    void anAbortDropsThePartMessageOnItsChunkStream() throws Exception {
        var bytes = new ChunkBytes()
                .type0(4, 0, 200, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type0(2, 0, 4, RtmpMessage.ABORT, 0)
                .bytes((byte) 0, (byte) 0, (byte) 0, (byte) 4)
                .type0(4, 40, 2, RtmpMessage.VIDEO, 1)
                .bytes((byte) 9, (byte) 9)
                .toByteArray();
        var reader = new ChunkReader(new ByteArrayInputStream(bytes), LIMITS);

        var abort = reader.next();
        assertThat(abort.type()).isEqualTo(RtmpMessage.ABORT);
        reader.abort(4);
        var after = reader.next();
        assertThat(after.payload()).containsExactly(9, 9);
        assertThat(after.timestamp()).isEqualTo(40);
    }

    @Test
    void extendedTimestampsAreReadAndRepeatedOnContinuationChunks() throws Exception {
        long big = 0x1_2345L + 0xFFFFFF;
        var bytes = new ChunkBytes()
                .type0(4, big, 200, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type3(4)
                .u32(big)
                .filler(72, 2)
                .toByteArray();

        var message = read(bytes, 1).getFirst();

        assertThat(message.timestamp()).isEqualTo(big);
        assertThat(message.payload()[128])
                .as("the repeated timestamp is not payload")
                .isEqualTo((byte) 2);
    }

    @Test
    void senderThatLeaveTheRepetitionOutAreUnderstoodToo() throws Exception {
        long big = 0x2000000L;
        var bytes = new ChunkBytes()
                .type0(4, big, 200, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type3(4)
                .filler(72, 2) // no repeated extended timestamp
                .toByteArray();

        var message = read(bytes, 1).getFirst();

        assertThat(message.payload()).hasSize(200);
        assertThat(message.payload()[128]).isEqualTo((byte) 2);
        assertThat(message.payload()[199]).isEqualTo((byte) 2);
    }

    @Test
    void anExtendedDeltaOnANewMessageStartedByTypeThree() throws Exception {
        long delta = 0x1000000L;
        var bytes = new ChunkBytes()
                .type0(4, 0, 1, RtmpMessage.VIDEO, 1)
                .bytes((byte) 1)
                .type2(4, delta)
                .bytes((byte) 2)
                .type3(4)
                .u32(delta)
                .bytes((byte) 3)
                .toByteArray();

        assertThat(read(bytes, 3)).extracting(RtmpMessage::timestamp).containsExactly(0L, delta, 2 * delta);
    }

    @Test
    void aTypeThreeHeaderAfterATypeZeroRepeatsItsTimestampAsTheDelta() throws Exception {
        // FFmpeg's writer: the first audio message at 21 ms gets a full header; the next, 21 ms later and of the
        // same size, only a type-3 header, because its delta equals the field last sent.
        var bytes = new ChunkBytes()
                .type0(4, 21, 2, RtmpMessage.AUDIO, 1)
                .bytes((byte) 0xaf, (byte) 1)
                .type3(4)
                .bytes((byte) 0xaf, (byte) 1)
                .type3(4)
                .bytes((byte) 0xaf, (byte) 1)
                .toByteArray();

        assertThat(read(bytes, 3)).extracting(RtmpMessage::timestamp).containsExactly(21L, 42L, 63L);
    }

    @Test
    void aShortLastChunkFromASenderThatLeavesTheRepetitionOutIsNotHeldUp() throws Exception {
        long big = 0x2000000L; // first byte 0x02
        var bytes = new ChunkBytes()
                .type0(4, big, 130, RtmpMessage.COMMAND_AMF0, 0)
                .filler(128, 1)
                .type3(4)
                .bytes((byte) 0x09, (byte) 0x09) // two bytes of payload, no repetition, and nothing after them
                .toByteArray();
        var reader = new ChunkReader(new EndlessStream(bytes), LIMITS);

        var message = reader.next();

        assertThat(message.payload()).hasSize(130).endsWith(9, 9);
    }

    @Test
    void aHeaderAnnouncingALargeMessageCostsOnlyWhatArrives() throws Exception {
        var many = new ChunkBytes();
        for (int csid = 3; csid < 3 + LIMITS.maxChunkStreams(); csid++) {
            many.type0(csid, 0, LIMITS.maxMessageBytes(), RtmpMessage.VIDEO, 1).filler(128, 1);
        }
        var reader = new ChunkReader(new ByteArrayInputStream(many.toByteArray()), LIMITS);

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);

        assertThat(reader.bufferedBytes())
                .as("64 announced messages of 8 MiB hold a first buffer each, not 512 MiB")
                .isLessThanOrEqualTo(LIMITS.maxChunkStreams() * 64L * 1024);
    }

    @Test
    void unfinishedMessagesTogetherStayWithinTheirLimit() throws Exception {
        var small = new RtmpLimits(1000, 1024, 8, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 16, 500);
        var bytes = new ChunkBytes();
        for (int csid = 3; csid < 6; csid++) {
            bytes.type0(csid, 0, 1000, RtmpMessage.VIDEO, 1).filler(128, 1);
        }
        for (int round = 0; round < 6; round++) {
            for (int csid = 3; csid < 6; csid++) {
                bytes.type3(csid).filler(128, 1);
            }
        }
        var reader = new ChunkReader(new ByteArrayInputStream(bytes.toByteArray()), small);

        assertThatThrownBy(reader::next)
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("Unfinished messages would hold");
        assertThat(reader.bufferedBytes()).isLessThanOrEqualTo(small.maxBufferedBytes());
    }

    @Test
    void beforeThePublishOnlyAStrangersSmallMessagesAreAcceptedAndAfterItAPublishersToo() throws Exception {
        int small = LIMITS.maxBytesBeforePublish();
        var bytes = new ChunkBytes()
                .type0(3, 0, small, RtmpMessage.COMMAND_AMF0, 0)
                .filler(small, 1) // one chunk: the chunk size is set below
                .type0(6, 0, small + 1, RtmpMessage.VIDEO, 1)
                .filler(small + 1, 2)
                .toByteArray();
        var stranger = ChunkReader.beforePublish(new ByteArrayInputStream(bytes), LIMITS, BufferBudget.unlimited());
        stranger.setChunkSize(LIMITS.maxChunkSize());

        assertThat(stranger.next().payload()).hasSize(small);
        assertThatThrownBy(stranger::next)
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessage(
                        "Message of " + (small + 1) + " bytes exceeds the limit of " + small + " before publishing");

        var publisher = ChunkReader.beforePublish(new ByteArrayInputStream(bytes), LIMITS, BufferBudget.unlimited());
        publisher.setChunkSize(LIMITS.maxChunkSize());
        publisher.next();
        publisher.publishAccepted();
        assertThat(publisher.next().payload()).hasSize(small + 1);
    }

    @Test
    void aStrangersUnfinishedMessagesTogetherStayWithinItsSmallBudget() throws Exception {
        int half = LIMITS.maxBytesBeforePublish() / 2 + 1;
        var bytes = new ChunkBytes()
                .type0(3, 0, half, RtmpMessage.COMMAND_AMF0, 0)
                .filler(128, 1)
                .type0(4, 0, half, RtmpMessage.COMMAND_AMF0, 0)
                .filler(128, 1);
        for (int round = 0; round < half / 128; round++) {
            bytes.type3(3).filler(128, 1).type3(4).filler(128, 1);
        }
        var reader = ChunkReader.beforePublish(
                new ByteArrayInputStream(bytes.toByteArray()), LIMITS, BufferBudget.unlimited());

        assertThatThrownBy(reader::next)
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("Unfinished messages would hold")
                .hasMessageEndingWith("more than " + LIMITS.maxBytesBeforePublish() + " before publishing");
        assertThat(reader.bufferedBytes()).isLessThanOrEqualTo(LIMITS.maxBytesBeforePublish());
    }

    @Test
    void buffersAreTakenFromTheSharedBudgetAndGivenBackWhenDoneAbortedOrReleased() throws Exception {
        var budget = new BufferBudget(10 * 1024 * 1024, "test.budget");
        var bytes = new ChunkBytes()
                .type0(4, 0, 300, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type0(5, 0, 200, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type0(6, 0, 3, RtmpMessage.AUDIO, 1)
                .filler(3, 2)
                .type3(5)
                .filler(72, 1) // completes the message on chunk stream 5
                .type0(7, 0, 5000, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .toByteArray();
        var reader = ChunkReader.beforePublish(new ByteArrayInputStream(bytes), LIMITS, budget);

        reader.next(); // the audio: taken and given back at once
        assertThat(budget.used()).as("two unfinished messages").isEqualTo(300 + 200);
        assertThat(budget.usedByStrangers()).isEqualTo(500);
        reader.publishAccepted();
        assertThat(budget.usedByStrangers()).as("a publisher's now").isZero();
        reader.next();
        assertThat(budget.used()).isEqualTo(300);
        reader.abort(4);
        assertThat(budget.used()).isZero();
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
        assertThat(budget.used()).as("a publisher's first buffer").isEqualTo(5000);
        reader.releaseAll();
        assertThat(budget.used()).isZero();
        assertThat(reader.bufferedBytes()).isZero();
    }

    @Test
    void aBufferThatWouldGoPastTheSharedBudgetIsRefusedAndTakesNothing() throws Exception {
        var budget = new BufferBudget(256 * 1024, "test.budget");
        var bytes = new ChunkBytes();
        for (int csid = 3; csid < 8; csid++) {
            bytes.type0(csid, 0, 100_000, RtmpMessage.VIDEO, 1).filler(128, 1);
        }
        var reader = new ChunkReader(new ByteArrayInputStream(bytes.toByteArray()), LIMITS);
        var publisher = ChunkReader.beforePublish(new ByteArrayInputStream(bytes.toByteArray()), LIMITS, budget);
        publisher.publishAccepted();

        assertThatThrownBy(publisher::next)
                .isInstanceOf(BufferBudgetExceededException.class)
                .hasMessageContaining("unfinished messages of all RTMP connections would hold")
                .hasMessageContaining("(test.budget)");
        assertThat(budget.used())
                .as("four first buffers of 64 KiB fit, the fifth does not")
                .isEqualTo(4 * 64 * 1024);
        assertThatThrownBy(reader::next)
                .as("a reader of its own has no shared budget")
                .isInstanceOf(EOFException.class);
        publisher.releaseAll();
        assertThat(budget.used()).isZero();
    }

    @Test
    void strangersTogetherMayTakeHalfTheSharedBudgetAndNoMore() throws Exception {
        var budget = new BufferBudget(8 * 1024, "test.budget");
        var command = new ChunkBytes()
                .type0(3, 0, 3000, RtmpMessage.COMMAND_AMF0, 0)
                .filler(128, 1)
                .toByteArray();
        var first = ChunkReader.beforePublish(new ByteArrayInputStream(command), LIMITS, budget);
        var second = ChunkReader.beforePublish(new ByteArrayInputStream(command), LIMITS, budget);
        var publisher = ChunkReader.beforePublish(new ByteArrayInputStream(command), LIMITS, budget);
        publisher.publishAccepted();

        assertThatThrownBy(first::next).isInstanceOf(EOFException.class);
        assertThat(budget.usedByStrangers()).isEqualTo(1024);
        assertThatThrownBy(publisher::next).isInstanceOf(EOFException.class);
        first.releaseAll();
        var big = new ChunkBytes()
                .type0(3, 0, 5000, RtmpMessage.COMMAND_AMF0, 0)
                .filler(4100, 1)
                .toByteArray();
        var greedy = ChunkReader.beforePublish(new ByteArrayInputStream(big), LIMITS, budget);
        greedy.setChunkSize(8192);

        assertThatThrownBy(greedy::next)
                .isInstanceOf(BufferBudgetExceededException.class)
                .hasMessageContaining("connections that have not published");
        assertThat(budget.usedByStrangers()).isZero();
        assertThatThrownBy(second::next).as("a small one still fits").isInstanceOf(EOFException.class);
        assertThat(budget.used()).as("the publisher's 3000 and the small one's").isEqualTo(3000 + 1024);
    }

    @Test
    void anAbortAndACompleteMessageGiveTheirBufferBack() throws Exception {
        var bytes = new ChunkBytes()
                .type0(4, 0, 300, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type0(6, 0, 3, RtmpMessage.AUDIO, 1)
                .filler(3, 2)
                .toByteArray();
        var reader = new ChunkReader(new ByteArrayInputStream(bytes), LIMITS);

        reader.next();
        assertThat(reader.bufferedBytes()).as("the unfinished video").isEqualTo(300);
        reader.abort(4);
        assertThat(reader.bufferedBytes()).isZero();
    }

    @Test
    void timestampsKeepRisingPastTwoToTheThirtyTwoMilliseconds() throws Exception {
        long nearTheEnd = 0xFFFF_FF00L;
        var bytes = new ChunkBytes()
                .type0(4, nearTheEnd, 1, RtmpMessage.VIDEO, 1)
                .bytes((byte) 1)
                .type2(4, 0x200)
                .bytes((byte) 2) // delta across the wrap
                .type0(4, 0x180, 1, RtmpMessage.VIDEO, 1)
                .bytes((byte) 3) // absolute, wrapped
                .toByteArray();

        assertThat(read(bytes, 3))
                .extracting(RtmpMessage::timestamp)
                .containsExactly(nearTheEnd, nearTheEnd + 0x200, (1L << 32) + 0x180);
    }

    @Test
    void limitsAreEnforcedBeforeAllocating() {
        var huge = new ChunkBytes().type0(4, 0, 0xFFFFFF, RtmpMessage.VIDEO, 1).toByteArray();
        assertThatThrownBy(() -> read(huge, 1))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("exceeds the limit");

        var many = new ChunkBytes();
        for (int csid = 3; csid < 3 + LIMITS.maxChunkStreams() + 1; csid++) {
            many.type0(csid, 0, 1, RtmpMessage.VIDEO, 1).bytes((byte) 0);
        }
        assertThatThrownBy(() -> read(many.toByteArray(), LIMITS.maxChunkStreams() + 1))
                .hasMessageContaining("chunk streams");

        var noHeader = new ChunkBytes().type3(9).bytes((byte) 1).toByteArray();
        assertThatThrownBy(() -> read(noHeader, 1)).hasMessageContaining("must carry a full header");

        var interleaved = new ChunkBytes()
                .type0(4, 0, 200, RtmpMessage.VIDEO, 1)
                .filler(128, 1)
                .type0(4, 0, 10, RtmpMessage.VIDEO, 1)
                .filler(10, 1)
                .toByteArray();
        assertThatThrownBy(() -> read(interleaved, 1)).hasMessageContaining("before the previous one was complete");
    }

    @Test
    void aConnectionCutMidMessageEndsCleanly() {
        var cut = new ChunkBytes()
                .type0(4, 0, 200, RtmpMessage.VIDEO, 1)
                .filler(50, 1)
                .toByteArray();
        assertThatThrownBy(() -> read(cut, 1)).isInstanceOf(EOFException.class);
    }

    @Test
    void whatTheWriterWritesTheReaderReads() throws Exception {
        var out = new ByteArrayOutputStream();
        var writer = new ChunkWriter(out);
        writer.chunkSize(100);
        var payload = new byte[350];
        payload[349] = 42;
        writer.write(new RtmpMessage(4, RtmpMessage.VIDEO, 1, 0x1_0000_0000L - 5, payload));
        writer.write(new RtmpMessage(330, RtmpMessage.COMMAND_AMF0, 0, 3, new byte[0]));

        var reader = new ChunkReader(new ByteArrayInputStream(out.toByteArray()), LIMITS);
        reader.setChunkSize(100);
        var first = reader.next();
        var second = reader.next();
        assertThat(first.payload()[349]).isEqualTo((byte) 42);
        assertThat(first.timestamp()).isEqualTo(0x1_0000_0000L - 5);
        assertThat(second.chunkStreamId()).isEqualTo(330);
        assertThat(second.payload()).isEmpty();
        assertThat(reader.bytesRead()).isEqualTo(out.size());
    }

    /** The given bytes, then a failure instead of an end: reading past them would have waited for ever. */
    private static final class EndlessStream extends InputStream {
        private final ByteArrayInputStream bytes;

        EndlessStream(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() throws IOException {
            int b = bytes.read();
            if (b < 0) {
                throw new AssertionError("Read past the bytes sent: a real connection would block here");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = bytes.read(buffer, offset, length);
            if (n < 0) {
                throw new AssertionError("Read past the bytes sent: a real connection would block here");
            }
            return n;
        }
    }
}
