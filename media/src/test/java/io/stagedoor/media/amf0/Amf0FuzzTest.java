package io.stagedoor.media.amf0;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stagedoor.media.testing.RtmpSeeds;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AMF0 decoder on any bytes: it decodes, or ends with {@link Amf0Exception}. What it decodes, encoded
 * again, decodes to the same values, so the encoder can write everything the decoder returns.
 */
class Amf0FuzzTest {

    static List<byte[]> seeds() {
        return RtmpSeeds.amf0Values();
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        List<@Nullable Object> values;
        try {
            values = Amf0.decodeAll(input, Amf0.Limits.DEFAULTS);
        } catch (Amf0Exception expected) {
            return; // the documented way to refuse
        }
        var again = Amf0.decodeAll(Amf0.encode(values.toArray()), Amf0.Limits.DEFAULTS);
        if (!again.equals(values)) {
            throw new AssertionError("Decoded " + values + ", encoded and decoded again " + again);
        }
    }
}
