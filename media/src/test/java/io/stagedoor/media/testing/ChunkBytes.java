package io.stagedoor.media.testing;

import java.io.ByteArrayOutputStream;

/** Hand-written chunk bytes, header by header, to feed the reader exactly the forms a test needs. */
public final class ChunkBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ChunkBytes basic(int format, int csid) {
        if (csid < 64) {
            out.write((format << 6) | csid);
        } else if (csid < 320) {
            out.write(format << 6);
            out.write(csid - 64);
        } else {
            out.write((format << 6) | 1);
            out.write((csid - 64) & 0xff);
            out.write((csid - 64) >>> 8);
        }
        return this;
    }

    public ChunkBytes type0(int csid, long timestamp, int length, int type, int streamId) {
        basic(0, csid);
        u24(Math.min(timestamp, 0xFFFFFF));
        u24(length);
        out.write(type);
        out.write(streamId);
        out.write(streamId >>> 8);
        out.write(streamId >>> 16);
        out.write(streamId >>> 24);
        if (timestamp >= 0xFFFFFF) {
            u32(timestamp);
        }
        return this;
    }

    public ChunkBytes type1(int csid, long delta, int length, int type) {
        basic(1, csid);
        u24(Math.min(delta, 0xFFFFFF));
        u24(length);
        out.write(type);
        if (delta >= 0xFFFFFF) {
            u32(delta);
        }
        return this;
    }

    public ChunkBytes type2(int csid, long delta) {
        basic(2, csid);
        u24(Math.min(delta, 0xFFFFFF));
        if (delta >= 0xFFFFFF) {
            u32(delta);
        }
        return this;
    }

    public ChunkBytes type3(int csid) {
        return basic(3, csid);
    }

    public ChunkBytes bytes(byte... data) {
        out.writeBytes(data);
        return this;
    }

    public ChunkBytes filler(int count, int value) {
        for (int i = 0; i < count; i++) {
            out.write(value);
        }
        return this;
    }

    public ChunkBytes u24(long value) {
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
        return this;
    }

    public ChunkBytes u32(long value) {
        out.write((int) (value >>> 24));
        return u24(value);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
