package io.stagedoor.media.amf0;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * AMF0 (Action Message Format 0), the encoding of RTMP commands and FLV script data. Values map to Java as: number ↔
 * {@link Double} (any {@link Number} on the way out; a date is read as its milliseconds), boolean ↔ {@link Boolean},
 * string and long string ↔ {@link String}, object, typed object and ECMA array ↔ {@code Map<String, Object>} in the
 * order of the bytes, strict array ↔ {@link List}, null and undefined ↔ {@code null}.
 *
 * <p>Decoding is for bytes from strangers: nesting and the number of values are bounded by {@link Limits}, every
 * length is checked against the bytes there are before anything is allocated, and anything else ends in an {@link
 * Amf0Exception} that says what was wrong. References and AMF3 values are refused.
 */
public final class Amf0 {

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    static final int TYPED_OBJECT = 0x10;
    static final int AVMPLUS = 0x11;

    /**
     * What one message may make the decoder do.
     *
     * @param maxDepth how deeply objects and arrays may nest
     * @param maxValues how many values one message may hold, nested ones included
     */
    public record Limits(int maxDepth, int maxValues) {

        /** Far beyond any command or metadata an encoder sends, far below what would hurt. */
        public static final Limits DEFAULTS = new Limits(16, 4096);

        public Limits {
            if (maxDepth < 1 || maxValues < 1) {
                throw new IllegalArgumentException("AMF0 limits must be positive: " + maxDepth + ", " + maxValues);
            }
        }
    }

    private Amf0() {}

    /** Every value in {@code bytes}, within the {@linkplain Limits#DEFAULTS default limits}. */
    public static List<@Nullable Object> decodeAll(byte[] bytes) throws Amf0Exception {
        return decodeAll(bytes, Limits.DEFAULTS);
    }

    /** Every value in {@code bytes}, within {@code limits}. */
    public static List<@Nullable Object> decodeAll(byte[] bytes, Limits limits) throws Amf0Exception {
        var reader = new Reader(ByteBuffer.wrap(bytes), limits);
        var values = new ArrayList<@Nullable Object>();
        while (reader.buffer.hasRemaining()) {
            values.add(reader.value(0));
        }
        return values;
    }

    /** The values one after the other, as a command's body. */
    public static byte[] encode(@Nullable Object... values) {
        var out = new ByteArrayOutputStream();
        for (var value : values) {
            write(out, value);
        }
        return out.toByteArray();
    }

    private static final class Reader {
        private final ByteBuffer buffer;
        private final Limits limits;
        private int values;

        Reader(ByteBuffer buffer, Limits limits) {
            this.buffer = buffer;
            this.limits = limits;
        }

        @Nullable Object value(int depth) throws Amf0Exception {
            if (depth > limits.maxDepth()) {
                throw new Amf0Exception("AMF0 nesting deeper than " + limits.maxDepth());
            }
            if (++values > limits.maxValues()) {
                throw new Amf0Exception("More than " + limits.maxValues() + " AMF0 values in one message");
            }
            int marker = u8();
            return switch (marker) {
                case NUMBER -> number();
                case BOOLEAN -> u8() != 0;
                case STRING -> string(u16());
                case LONG_STRING -> string(u32AsLength());
                case OBJECT -> properties(depth);
                case TYPED_OBJECT -> {
                    string(u16()); // the class name, of no use here
                    yield properties(depth);
                }
                case ECMA_ARRAY -> {
                    u32AsLength(); // a hint only; the end marker closes it
                    yield properties(depth);
                }
                case STRICT_ARRAY -> {
                    int count = u32AsLength();
                    if (count > limits.maxValues()) {
                        throw new Amf0Exception("An AMF0 array of " + count + " values");
                    }
                    var list = new ArrayList<@Nullable Object>(Math.min(count, 64));
                    for (int i = 0; i < count; i++) {
                        list.add(value(depth + 1));
                    }
                    yield list;
                }
                case DATE -> {
                    double millis = number();
                    need(2);
                    buffer.getShort(); // a time zone, unused by the format's own definition
                    yield millis;
                }
                case NULL, UNDEFINED -> null;
                case REFERENCE -> throw new Amf0Exception("AMF0 references are not supported");
                case AVMPLUS -> throw new Amf0Exception("AMF3 values are not supported; use AMF0");
                default -> throw new Amf0Exception("Unknown AMF0 type marker 0x" + Integer.toHexString(marker));
            };
        }

        private Map<String, @Nullable Object> properties(int depth) throws Amf0Exception {
            var map = new LinkedHashMap<String, @Nullable Object>();
            while (true) {
                var key = string(u16());
                need(1);
                if (key.isEmpty() && buffer.get(buffer.position()) == OBJECT_END) {
                    buffer.get();
                    return map;
                }
                map.put(key, value(depth + 1));
            }
        }

        private double number() throws Amf0Exception {
            need(8);
            return buffer.getDouble();
        }

        private String string(int length) throws Amf0Exception {
            need(length);
            var bytes = new byte[length];
            buffer.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int u8() throws Amf0Exception {
            need(1);
            return buffer.get() & 0xff;
        }

        private int u16() throws Amf0Exception {
            need(2);
            return buffer.getShort() & 0xffff;
        }

        /** A 32-bit length; lengths beyond the message are caught where the bytes are read. */
        private int u32AsLength() throws Amf0Exception {
            need(4);
            return (int) Math.min(buffer.getInt() & 0xffffffffL, Integer.MAX_VALUE);
        }

        private void need(int bytes) throws Amf0Exception {
            if (bytes < 0 || buffer.remaining() < bytes) {
                throw new Amf0Exception(
                        "AMF0 value cut short: needs " + bytes + " bytes, " + buffer.remaining() + " left");
            }
        }
    }

    private static void write(ByteArrayOutputStream out, @Nullable Object value) {
        switch (value) {
            case null -> out.write(NULL);
            case Number number -> {
                out.write(NUMBER);
                writeLong(out, Double.doubleToLongBits(number.doubleValue()));
            }
            case Boolean bool -> {
                out.write(BOOLEAN);
                out.write(bool ? 1 : 0);
            }
            case String text -> {
                var bytes = text.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0xffff) {
                    out.write(LONG_STRING);
                    writeInt(out, bytes.length);
                } else {
                    out.write(STRING);
                    writeShort(out, bytes.length);
                }
                out.writeBytes(bytes);
            }
            case Map<?, ?> map -> {
                out.write(OBJECT);
                for (var entry : map.entrySet()) {
                    var key = String.valueOf(entry.getKey()).getBytes(StandardCharsets.UTF_8);
                    if (key.length > 0xffff) {
                        throw new IllegalArgumentException("An AMF0 property name of " + key.length + " bytes");
                    }
                    writeShort(out, key.length);
                    out.writeBytes(key);
                    write(out, entry.getValue());
                }
                writeShort(out, 0);
                out.write(OBJECT_END);
            }
            case List<?> list -> {
                out.write(STRICT_ARRAY);
                writeInt(out, list.size());
                list.forEach(item -> write(out, item));
            }
            default ->
                throw new IllegalArgumentException(
                        "AMF0 cannot encode " + value.getClass().getName());
        }
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        writeShort(out, value >>> 16);
        writeShort(out, value);
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        writeInt(out, (int) (value >>> 32));
        writeInt(out, (int) value);
    }
}
