package io.stagedoor.media.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's side of the handshake on any answer: it completes, or ends with {@link RtmpProtocolException} or {@link
 * EOFException}, nothing else; a client that completes has sent exactly C0, C1 and C2. Replays its seeds in every test
 * run; fuzzes with {@code JAZZER_FUZZ=1} (see the media module's POM).
 */
class ClientHandshakeFuzzTest {

    /** What a server answers: S0, S1, S2, in the simple form and in the digest form. */
    static List<byte[]> answers() {
        return RtmpSeeds.handshakes();
    }

    @MethodSource("answers")
    @FuzzTest
    void anyAnswer(byte[] input) throws Exception {
        var sent = new ByteArrayOutputStream();
        try {
            Handshake.client(new ByteArrayInputStream(input), sent);
        } catch (RtmpProtocolException | EOFException expected) {
            return; // the documented ways to refuse
        }
        if (sent.size() != 1 + 2 * Handshake.SIZE) {
            throw new AssertionError("The client sent " + sent.size() + " bytes in its handshake");
        }
    }
}
