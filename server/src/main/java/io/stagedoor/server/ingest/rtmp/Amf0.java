package io.stagedoor.server.ingest.rtmp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0, the encoding of RTMP commands and metadata. Decoded values are {@link Double}, {@link Boolean},
 * {@link String}, {@code Map<String, Object>} (objects and ECMA arrays), {@code List<Object>} (strict arrays) and
 * {@link Amf0#NULL} (null and undefined). Depth and value counts are limited, so hostile input cannot exhaust the
 * stack or the heap.
 */
public final class Amf0 {

    /** AMF null and undefined. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int NUMBER = 0x00;
    private static final int BOOLEAN = 0x01;
    private static final int STRING = 0x02;
    private static final int OBJECT = 0x03;
    private static final int NULL_MARKER = 0x05;
    private static final int UNDEFINED = 0x06;
    private static final int REFERENCE = 0x07;
    private static final int ECMA_ARRAY = 0x08;
    private static final int OBJECT_END = 0x09;
    private static final int STRICT_ARRAY = 0x0A;
    private static final int DATE = 0x0B;
    private static final int LONG_STRING = 0x0C;
    private static final int TYPED_OBJECT = 0x10;
    private static final int AVMPLUS = 0x11;

    private Amf0() {}

    /** Decodes every value in {@code payload}. */
    public static List<Object> decodeAll(byte[] payload, RtmpLimits limits) throws RtmpProtocolException {
        var reader = new Reader(ByteBuffer.wrap(payload), limits);
        var values = new ArrayList<Object>();
        while (reader.buffer.hasRemaining()) {
            values.add(reader.value(0));
        }
        return values;
    }

    private static final class Reader {
        private final ByteBuffer buffer;
        private final RtmpLimits limits;
        private int values;

        Reader(ByteBuffer buffer, RtmpLimits limits) {
            this.buffer = buffer;
            this.limits = limits;
        }

        Object value(int depth) throws RtmpProtocolException {
            if (depth > limits.maxAmfDepth()) {
                throw new RtmpProtocolException("AMF0 nesting deeper than " + limits.maxAmfDepth());
            }
            if (++values > limits.maxAmfValues()) {
                throw new RtmpProtocolException("More than " + limits.maxAmfValues() + " AMF0 values in one message");
            }
            int marker = u8();
            return switch (marker) {
                case NUMBER -> number();
                case BOOLEAN -> u8() != 0;
                case STRING -> string(u16());
                case LONG_STRING -> string(u32AsLength());
                case OBJECT -> properties(depth);
                case TYPED_OBJECT -> {
                    string(u16()); // class name, not needed
                    yield properties(depth);
                }
                case ECMA_ARRAY -> {
                    u32AsLength(); // a hint only; the end marker closes it
                    yield properties(depth);
                }
                case STRICT_ARRAY -> {
                    int count = u32AsLength();
                    if (count > limits.maxAmfValues()) {
                        throw new RtmpProtocolException("AMF0 array of " + count + " values");
                    }
                    var list = new ArrayList<Object>(Math.min(count, 64));
                    for (int i = 0; i < count; i++) {
                        list.add(value(depth + 1));
                    }
                    yield list;
                }
                case DATE -> {
                    double millis = number();
                    need(2);
                    buffer.getShort(); // time zone, unused by the format's own definition
                    yield millis;
                }
                case NULL_MARKER, UNDEFINED -> NULL;
                case REFERENCE -> throw new RtmpProtocolException("AMF0 references are not supported");
                case AVMPLUS -> throw new RtmpProtocolException("AMF3 values are not supported; use AMF0");
                default -> throw new RtmpProtocolException("Unknown AMF0 type marker 0x" + Integer.toHexString(marker));
            };
        }

        private Map<String, Object> properties(int depth) throws RtmpProtocolException {
            var map = new LinkedHashMap<String, Object>();
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

        private double number() throws RtmpProtocolException {
            need(8);
            return buffer.getDouble();
        }

        private String string(int length) throws RtmpProtocolException {
            need(length);
            var bytes = new byte[length];
            buffer.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int u8() throws RtmpProtocolException {
            need(1);
            return buffer.get() & 0xff;
        }

        private int u16() throws RtmpProtocolException {
            need(2);
            return buffer.getShort() & 0xffff;
        }

        /** A 32-bit length; lengths beyond the message are caught where the bytes are read. */
        private int u32AsLength() throws RtmpProtocolException {
            need(4);
            return (int) Math.min(buffer.getInt() & 0xffffffffL, Integer.MAX_VALUE);
        }

        private void need(int bytes) throws RtmpProtocolException {
            if (bytes < 0 || buffer.remaining() < bytes) {
                throw new RtmpProtocolException(
                        "AMF0 value cut short: needs " + bytes + " bytes, " + buffer.remaining() + " left");
            }
        }
    }

    /** Encodes values: numbers, booleans, strings, maps (as objects), lists, null or {@link #NULL}. */
    public static byte[] encode(Object... values) {
        var out = new ByteArrayOutputStream();
        for (var value : values) {
            write(out, value);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case null -> out.write(NULL_MARKER);
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
            default -> {
                if (value == NULL) {
                    out.write(NULL_MARKER);
                } else {
                    throw new IllegalArgumentException("Cannot encode " + value.getClass() + " as AMF0");
                }
            }
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
