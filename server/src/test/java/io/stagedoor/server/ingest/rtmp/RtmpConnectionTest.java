package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.rtmp.ChunkWriter;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.rtmp.RtmpProtocolException;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A connection over memory: what needs no socket, and inputs the fuzzer found. */
class RtmpConnectionTest {

    private final RecordingPublisher publisher = new RecordingPublisher();

    /** Runs a connection on a good handshake, connect and publish of "key", then {@code after}. */
    private void serve(byte[] after) throws IOException {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RtmpSeeds.plainHandshake());
        RtmpSeeds.connectAndPublish(new ChunkWriter(bytes));
        bytes.writeBytes(after);
        new RtmpConnection(
                        new ByteArrayInputStream(bytes.toByteArray()),
                        OutputStream.nullOutputStream(),
                        () -> {},
                        "memory",
                        "memory",
                        RtmpLimits.DEFAULTS,
                        publisher,
                        new Admission(1, 1, 1, 1L << 30))
                .serve();
    }

    @Test
    void anAggregateMessageBecomesOneMediaMessagePerTagOnTheMessagesClock() throws Exception {
        var aggregate = new ByteArrayOutputStream();
        flvTag(aggregate, RtmpMessage.VIDEO, 5000, new byte[] {0x17, 1});
        flvTag(aggregate, RtmpMessage.AUDIO, 5020, new byte[] {(byte) 0xaf, 1});
        flvTag(aggregate, RtmpMessage.VIDEO, 5033, new byte[] {0x27, 1});

        assertThatThrownBy(() -> serve(message(1000, aggregate.toByteArray()))).isInstanceOf(EOFException.class);

        var session = publisher.nextSession();
        assertThat(session.media)
                .extracting(RecordingPublisher.Media::timestamp)
                .containsExactly(1000L, 1020L, 1033L);
        assertThat(session.media).extracting(RecordingPublisher.Media::type).containsExactly(9, 8, 9);
    }

    @Test
    void anAggregateTagBeforeTheStreamBeganIsAProtocolError() throws Exception {
        var aggregate = new ByteArrayOutputStream();
        flvTag(aggregate, RtmpMessage.VIDEO, 5000, new byte[] {0x17, 1});
        flvTag(aggregate, RtmpMessage.VIDEO, 4000, new byte[] {0x27, 1});

        assertThatThrownBy(() -> serve(message(10, aggregate.toByteArray())))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("before the stream began");
        assertThat(publisher.nextSession().media).hasSize(1);
    }

    @Test
    void whatTheFuzzerFoundStaysFixed() throws Exception {
        // Found by RtmpConnectionFuzzTest: an aggregate whose second tag went back before the stream's start made
        // a negative timestamp. The fuzz run replays this file as a seed too.
        try (var input = getClass()
                .getResourceAsStream(
                        "RtmpConnectionFuzzTestInputs/anyBytesAfterTheHandshake/aggregate-tag-before-the-stream-began")) {
            new RtmpConnectionFuzzTest()
                    .anyBytesAfterTheHandshake(Objects.requireNonNull(input).readAllBytes());
        }
    }

    private static byte[] message(long timestamp, byte[] aggregate) throws IOException {
        var out = new ByteArrayOutputStream();
        new ChunkWriter(out).write(new RtmpMessage(6, RtmpMessage.AGGREGATE, 1, timestamp, aggregate));
        return out.toByteArray();
    }

    /** One FLV tag and its back pointer, as aggregate messages carry them. */
    private static void flvTag(ByteArrayOutputStream out, int type, long timestamp, byte[] body) {
        out.write(type);
        out.write(body.length >>> 16);
        out.write(body.length >>> 8);
        out.write(body.length);
        out.write((int) (timestamp >>> 16));
        out.write((int) (timestamp >>> 8));
        out.write((int) timestamp);
        out.write((int) (timestamp >>> 24));
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(body);
        int size = 11 + body.length;
        out.write(size >>> 24);
        out.write(size >>> 16);
        out.write(size >>> 8);
        out.write(size);
    }
}
