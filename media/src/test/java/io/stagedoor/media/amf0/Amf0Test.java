package io.stagedoor.media.amf0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.testing.ChunkBytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0Test {

    private static final Amf0.Limits LIMITS = Amf0.Limits.DEFAULTS;

    @Test
    void aConnectCommandRoundTrips() throws Exception {
        var command = new LinkedHashMap<String, Object>();
        command.put("app", "live");
        command.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        command.put("tcUrl", "rtmp://localhost/live");
        command.put("capabilities", 239.0);
        command.put("fpad", false);

        var values = Amf0.decodeAll(Amf0.encode("connect", 1.0, command, null, List.of(1.0, "two")), LIMITS);

        assertThat(values).hasSize(5);
        assertThat(values.get(0)).isEqualTo("connect");
        assertThat(values.get(1)).isEqualTo(1.0);
        assertThat(values.get(2)).isEqualTo(command);
        assertThat(values.get(3)).isNull();
        assertThat(values.get(4)).isEqualTo(List.of(1.0, "two"));
    }

    @Test
    void ecmaArraysDatesLongStringsAndTypedObjectsDecode() throws Exception {
        var bytes = new ChunkBytes()
                .bytes((byte) 0x08, (byte) 0, (byte) 0, (byte) 0, (byte) 1) // ECMA array, 1 entry (a hint)
                .bytes((byte) 0, (byte) 5)
                .bytes("width".getBytes())
                .bytes((byte) 0)
                .bytes(double64(1920))
                .bytes((byte) 0, (byte) 0, (byte) 9) // end
                .bytes((byte) 0x0B)
                .bytes(double64(1.5e12))
                .bytes((byte) 0, (byte) 0) // date
                .bytes((byte) 0x0C, (byte) 0, (byte) 0, (byte) 0, (byte) 2)
                .bytes("hi".getBytes()) // long string
                .bytes((byte) 0x10, (byte) 0, (byte) 1)
                .bytes("T".getBytes()) // typed object
                .bytes((byte) 0, (byte) 0, (byte) 9)
                .bytes((byte) 0x06) // undefined
                .toByteArray();

        var values = Amf0.decodeAll(bytes, LIMITS);

        assertThat(values.get(0)).isEqualTo(Map.of("width", 1920.0));
        assertThat(values.get(1)).isEqualTo(1.5e12);
        assertThat(values.get(2)).isEqualTo("hi");
        assertThat(values.get(3)).isEqualTo(Map.of());
        assertThat(values.get(4)).isNull();
    }

    @Test
    void hostileInputIsRefusedWithoutExhaustingMemoryOrStack() {
        var deep = new ChunkBytes();
        for (int i = 0; i < 10_000; i++) {
            deep.bytes((byte) 0x0A, (byte) 0, (byte) 0, (byte) 0, (byte) 1); // arrays within arrays
        }
        assertThatThrownBy(() -> Amf0.decodeAll(deep.toByteArray(), LIMITS)).hasMessageContaining("nesting deeper");

        var hugeArray = new byte[] {0x0A, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> Amf0.decodeAll(hugeArray, LIMITS)).isInstanceOf(Amf0Exception.class);

        var hugeString = new byte[] {0x0C, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'x'};
        assertThatThrownBy(() -> Amf0.decodeAll(hugeString, LIMITS)).hasMessageContaining("cut short");

        assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x00, 1, 2}, LIMITS))
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x11, 1}, LIMITS)).hasMessageContaining("AMF3");
        assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x07, 0, 1}, LIMITS))
                .hasMessageContaining("references");
        assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x42}, LIMITS)).hasMessageContaining("Unknown AMF0 type");
    }

    @Test
    void aPropertyNameTooLongForItsLengthFieldIsNotWrittenCut() {
        var name = "n".repeat(0x10000);

        assertThatThrownBy(() -> Amf0.encode(Map.of(name, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536 bytes");
        assertThat(Amf0.encode(Map.of("n".repeat(0xffff), 1.0))).hasSize(1 + 2 + 0xffff + 9 + 3);
    }

    private static byte[] double64(double value) {
        long bits = Double.doubleToLongBits(value);
        var bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (bits >>> (56 - 8 * i));
        }
        return bytes;
    }
}
