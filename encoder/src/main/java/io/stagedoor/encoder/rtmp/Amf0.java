package io.stagedoor.encoder.rtmp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * AMF0 (Adobe's Action Message Format 0), the encoding of RTMP commands. Values map to Java as: number ↔
 * {@link Double} (any {@link Number} on the way out), boolean ↔ {@link Boolean}, string ↔ {@link String}, object and
 * ECMA array ↔ {@link Map} with string keys, strict array ↔ {@link List}, null and undefined ↔ {@code null}.
 */
public final class Amf0 {

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;

    private Amf0() {}

    /** The values one after the other, as a command's body. */
    public static byte[] encode(@Nullable Object... values) {
        var out = new ByteArrayOutputStream();
        for (var value : values) {
            write(out, value);
        }
        return out.toByteArray();
    }

    /** Every value in {@code bytes}. */
    public static List<@Nullable Object> decodeAll(byte[] bytes) {
        var buffer = ByteBuffer.wrap(bytes);
        var values = new ArrayList<@Nullable Object>();
        while (buffer.hasRemaining()) {
            values.add(read(buffer));
        }
        return values;
    }

    private static void write(ByteArrayOutputStream out, @Nullable Object value) {
        switch (value) {
            case null -> out.write(NULL);
            case Number n -> {
                out.write(NUMBER);
                long bits = Double.doubleToLongBits(n.doubleValue());
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (bits >>> shift));
                }
            }
            case Boolean b -> {
                out.write(BOOLEAN);
                out.write(b ? 1 : 0);
            }
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                if (utf8.length > 0xFFFF) {
                    throw new IllegalArgumentException("AMF0 strings hold at most 65535 bytes");
                }
                out.write(STRING);
                writeShortString(out, utf8);
            }
            case Map<?, ?> map -> {
                out.write(OBJECT);
                for (var entry : map.entrySet()) {
                    writeShortString(out, entry.getKey().toString().getBytes(StandardCharsets.UTF_8));
                    write(out, entry.getValue());
                }
                out.write(0);
                out.write(0);
                out.write(OBJECT_END);
            }
            case List<?> list -> {
                out.write(STRICT_ARRAY);
                writeInt(out, list.size());
                for (var item : list) {
                    write(out, item);
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "AMF0 cannot encode " + value.getClass().getName());
        }
    }

    private static @Nullable Object read(ByteBuffer in) {
        int marker = in.get() & 0xFF;
        return switch (marker) {
            case NUMBER -> in.getDouble();
            case BOOLEAN -> in.get() != 0;
            case STRING -> readShortString(in);
            case LONG_STRING -> {
                byte[] bytes = new byte[in.getInt()];
                in.get(bytes);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case OBJECT -> readProperties(in);
            case ECMA_ARRAY -> {
                in.getInt(); // an approximate count; the end marker is what counts
                yield readProperties(in);
            }
            case STRICT_ARRAY -> {
                int count = in.getInt();
                var list = new ArrayList<@Nullable Object>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    list.add(read(in));
                }
                yield list;
            }
            case DATE -> {
                double millis = in.getDouble();
                in.getShort();
                yield millis;
            }
            case NULL, UNDEFINED -> null;
            default ->
                throw new IllegalArgumentException("unsupported AMF0 type marker 0x" + Integer.toHexString(marker));
        };
    }

    private static Map<String, @Nullable Object> readProperties(ByteBuffer in) {
        var map = new LinkedHashMap<String, @Nullable Object>();
        while (true) {
            var key = readShortString(in);
            if (key.isEmpty() && in.get(in.position()) == OBJECT_END) {
                in.get();
                return map;
            }
            map.put(key, read(in));
        }
    }

    private static String readShortString(ByteBuffer in) {
        byte[] bytes = new byte[in.getShort() & 0xFFFF];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeShortString(ByteArrayOutputStream out, byte[] utf8) {
        out.write(utf8.length >>> 8);
        out.write(utf8.length);
        out.writeBytes(utf8);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
