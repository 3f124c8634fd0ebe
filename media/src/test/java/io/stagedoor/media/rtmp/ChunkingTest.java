package io.stagedoor.media.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the writer cuts, the reader puts together again; and the reader follows what servers send. */
class ChunkingTest {

    @Test
    void aMessageLongerThanTheChunkSizeIsCutIntoType3Continuations() throws IOException {
        var out = new ByteArrayOutputStream();
        var writer = new ChunkWriter(out);
        writer.chunkSize(128);
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        writer.write(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 0x010203, payload));
        byte[] bytes = out.toByteArray();

        // Type 0 basic header for chunk stream 6, 11-byte message header, then 128 bytes.
        assertThat(bytes[0]).isEqualTo((byte) 0x06);
        assertThat(new byte[] {bytes[1], bytes[2], bytes[3]}).isEqualTo(new byte[] {1, 2, 3});
        assertThat(new byte[] {bytes[4], bytes[5], bytes[6]}).isEqualTo(new byte[] {0, 1, 44});
        assertThat(bytes[7]).isEqualTo((byte) RtmpMessage.VIDEO);
        assertThat(new byte[] {bytes[8], bytes[9], bytes[10], bytes[11]})
                .as("message stream id, little-endian")
                .isEqualTo(new byte[] {1, 0, 0, 0});
        assertThat(bytes[12 + 128]).as("type 3 continuation").isEqualTo((byte) (0xC0 | 6));
        assertThat(bytes[12 + 128 + 1 + 128]).isEqualTo((byte) (0xC0 | 6));
        assertThat(bytes).hasSize(12 + 300 + 2);

        var read = new ChunkReader(new ByteArrayInputStream(bytes), RtmpLimits.DEFAULTS).next();
        assertThat(read.type()).isEqualTo(RtmpMessage.VIDEO);
        assertThat(read.streamId()).isEqualTo(1);
        assertThat(read.timestamp()).isEqualTo(0x010203);
        assertThat(read.payload()).isEqualTo(payload);
    }

    @Test
    void extendedTimestampsAndLargeChunkStreamIdsSurviveTheRoundTrip() throws IOException {
        var out = new ByteArrayOutputStream();
        var writer = new ChunkWriter(out);
        writer.chunkSize(4096);
        long fiveHours = 5L * 3600 * 1000; // past 0xFFFFFF ms
        byte[] payload = new byte[10_000];
        writer.write(new RtmpMessage(300, RtmpMessage.AUDIO, 7, fiveHours, payload));
        writer.write(new RtmpMessage(70, RtmpMessage.DATA_AMF0, 7, 5, new byte[] {1, 2, 3}));

        var reader = new ChunkReader(new ByteArrayInputStream(out.toByteArray()), RtmpLimits.DEFAULTS);
        reader.setChunkSize(4096);
        var first = reader.next();
        assertThat(first.timestamp()).isEqualTo(fiveHours);
        assertThat(first.payload()).hasSize(10_000);
        var second = reader.next();
        assertThat(second.timestamp()).isEqualTo(5);
        assertThat(second.payload()).containsExactly(1, 2, 3);
        assertThat(reader.bytesRead()).isEqualTo(out.size());
    }

    @Test
    void theReaderFollowsDeltaHeadersFromTheServer() throws IOException {
        // Type 0 at 1000 ms, then a type 2 header with a delta of 40 ms, then type 3 repeating the delta.
        byte[] bytes = {
            0x04,
            0x00,
            0x03,
            (byte) 0xE8,
            0x00,
            0x00,
            0x01,
            0x08,
            0x01,
            0x00,
            0x00,
            0x00,
            0x11,
            (byte) 0x84,
            0x00,
            0x00,
            0x28,
            0x22,
            (byte) 0xC4,
            0x33
        };
        var reader = new ChunkReader(new ByteArrayInputStream(bytes), RtmpLimits.DEFAULTS);
        assertThat(reader.next().timestamp()).isEqualTo(1000);
        var second = reader.next();
        assertThat(second.timestamp()).isEqualTo(1040);
        assertThat(second.payload()).containsExactly(0x22);
        var third = reader.next();
        assertThat(third.timestamp()).isEqualTo(1080);
        assertThat(third.payload()).containsExactly(0x33);
    }
}
