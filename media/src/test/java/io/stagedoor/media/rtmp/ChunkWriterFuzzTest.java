package io.stagedoor.media.rtmp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The sending direction: any messages the writer is given, on any chunk streams, at any chunk size, with any 32-bit
 * timestamps, come out of the reader as they went in, in order, and the reader ends exactly where the writer did.
 */
class ChunkWriterFuzzTest {

    @FuzzTest
    void whatIsWrittenIsReadBack(FuzzedDataProvider data) throws Exception {
        int chunkSize = data.consumeInt(1, 70_000);
        var out = new ByteArrayOutputStream();
        var writer = new ChunkWriter(out);
        writer.write(RtmpMessage.control(RtmpMessage.SET_CHUNK_SIZE, chunkSize));
        writer.chunkSize(chunkSize);
        var sent = new ArrayList<RtmpMessage>();
        int count = data.consumeInt(0, 20);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            var message = new RtmpMessage(
                    data.consumeInt(3, 65599),
                    data.consumeInt(0, 255),
                    data.consumeInt(),
                    data.consumeLong(0, 0xFFFF_FFFFL),
                    data.consumeBytes(data.consumeInt(0, 100_000)));
            writer.write(message);
            sent.add(message);
        }
        writer.flush();

        var bytes = out.toByteArray();
        var reader = new ChunkReader(new ByteArrayInputStream(bytes), RtmpLimits.DEFAULTS);
        var setChunkSize = reader.next();
        check(setChunkSize.uint32() == chunkSize, "the chunk size announced");
        reader.setChunkSize(chunkSize);
        for (var expected : sent) {
            var read = reader.next();
            check(read.chunkStreamId() == expected.chunkStreamId(), "chunk stream of " + expected);
            check(read.type() == expected.type(), "type of " + expected);
            check(read.streamId() == expected.streamId(), "stream of " + expected);
            check((read.timestamp() & 0xFFFF_FFFFL) == expected.timestamp(), "timestamp of " + expected);
            check(Arrays.equals(read.payload(), expected.payload()), "payload of " + expected);
        }
        check(reader.bytesRead() == bytes.length, "read " + reader.bytesRead() + " of " + bytes.length + " bytes");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("Read back differently: " + what);
        }
    }
}
