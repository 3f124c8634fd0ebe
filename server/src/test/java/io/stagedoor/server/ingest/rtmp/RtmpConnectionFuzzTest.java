package io.stagedoor.server.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole connection over memory: a good handshake, then any bytes. It ends with {@link RtmpProtocolException},
 * with {@link EOFException} at the input's end, or because it closed itself; any other exception is a bug, and so
 * is a negative media timestamp.
 */
class RtmpConnectionFuzzTest {

    private static final byte[] HANDSHAKE = FuzzSeeds.plainHandshake();

    static List<byte[]> seeds() {
        return List.of(FuzzSeeds.publish());
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytesAfterTheHandshake(byte[] input) throws Exception {
        var bytes = new byte[HANDSHAKE.length + input.length];
        System.arraycopy(HANDSHAKE, 0, bytes, 0, HANDSHAKE.length);
        System.arraycopy(input, 0, bytes, HANDSHAKE.length, input.length);
        var connection = new RtmpConnection(
                new ByteArrayInputStream(bytes),
                OutputStream.nullOutputStream(),
                () -> {},
                "fuzz",
                RtmpLimits.DEFAULTS,
                (client, key, endConnection) -> new CheckingSession());
        try {
            connection.serve();
        } catch (RtmpProtocolException | EOFException expected) {
            // the documented ways to end
        }
    }

    private static final class CheckingSession implements Publisher.Session {
        @Override
        public void metadata(Map<String, Object> metadata) {}

        @Override
        public void media(int type, long timestamp, byte[] payload) {
            if (timestamp < 0) {
                throw new AssertionError("Negative timestamp " + timestamp);
            }
        }

        @Override
        public void ended(String why) {}
    }
}
