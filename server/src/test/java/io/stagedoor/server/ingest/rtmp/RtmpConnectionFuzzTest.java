package io.stagedoor.server.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stagedoor.media.MalformedMediaException;
import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole connection over memory: a good handshake, then any bytes. It ends with {@link MalformedMediaException}
 * (RTMP or AMF0),
 * with {@link EOFException} at the input's end, or because it closed itself; any other exception is a bug, and so
 * are a negative media timestamp and a buffer not given back when it ends.
 */
class RtmpConnectionFuzzTest {

    private static final byte[] HANDSHAKE = RtmpSeeds.plainHandshake();

    static List<byte[]> seeds() {
        return List.of(RtmpSeeds.publish());
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytesAfterTheHandshake(byte[] input) throws Exception {
        var bytes = new byte[HANDSHAKE.length + input.length];
        System.arraycopy(HANDSHAKE, 0, bytes, 0, HANDSHAKE.length);
        System.arraycopy(input, 0, bytes, HANDSHAKE.length, input.length);
        var admission = new Admission(1, 1, 1, 1L << 30);
        var connection = new RtmpConnection(
                new ByteArrayInputStream(bytes),
                OutputStream.nullOutputStream(),
                () -> {},
                "fuzz",
                "fuzz",
                RtmpLimits.DEFAULTS,
                (client, key, endConnection) -> new CheckingSession(),
                admission);
        try {
            connection.serve();
        } catch (MalformedMediaException | EOFException expected) {
            // the documented ways to end
        }
        if (admission.bufferedBytes() != 0) {
            throw new AssertionError(admission.bufferedBytes() + " bytes of buffers kept after the connection ended");
        }
    }

    private static final class CheckingSession implements Publisher.Session {
        @Override
        public void metadata(Map<String, Object> metadata) {}

        @Override
        public void media(FlvTag tag) {
            if (tag.timestampMillis() < 0) {
                throw new AssertionError("Negative timestamp " + tag.timestampMillis());
            }
        }

        @Override
        public void ended(String why) {}
    }
}
