package io.stagedoor.media.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's side of the handshake on any bytes: it completes, or ends with {@link RtmpProtocolException} or {@link
 * EOFException}, nothing else. Replays its seeds in
 * every test run; fuzzes with {@code JAZZER_FUZZ=1} (see the media module's POM).
 */
class HandshakeFuzzTest {

    static List<byte[]> seeds() {
        return RtmpSeeds.handshakes();
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        try {
            Handshake.serve(new ByteArrayInputStream(input), OutputStream.nullOutputStream());
        } catch (RtmpProtocolException | EOFException expected) {
            // the documented ways to refuse
        }
    }
}
