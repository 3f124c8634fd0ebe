package io.stagedoor.server.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AMF0 decoder on any bytes: it decodes, or ends with {@link RtmpProtocolException}. What it decodes, encoded
 * again, decodes to the same values, so the encoder can write everything the decoder returns.
 */
class Amf0FuzzTest {

    static List<byte[]> seeds() {
        return FuzzSeeds.amf0Values();
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        List<Object> values;
        try {
            values = Amf0.decodeAll(input, RtmpLimits.DEFAULTS);
        } catch (RtmpProtocolException expected) {
            return; // the documented way to refuse
        }
        var again = Amf0.decodeAll(Amf0.encode(values.toArray()), RtmpLimits.DEFAULTS);
        if (!again.equals(values)) {
            throw new AssertionError("Decoded " + values + ", encoded and decoded again " + again);
        }
    }
}
