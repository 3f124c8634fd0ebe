package io.stagedoor.server.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handshake on any bytes: it completes, or ends with {@link RtmpProtocolException} or {@link EOFException},
 * nothing else. Replays its seeds in every test run; fuzzes with {@code JAZZER_FUZZ=1} (see the server's POM).
 */
class HandshakeFuzzTest {

    static List<byte[]> seeds() {
        return FuzzSeeds.handshakes();
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        try {
            Handshake.perform(new ByteArrayInputStream(input), OutputStream.nullOutputStream());
        } catch (RtmpProtocolException | EOFException expected) {
            // the documented ways to refuse
        }
    }
}
