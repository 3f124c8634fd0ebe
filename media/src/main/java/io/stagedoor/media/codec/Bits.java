package io.stagedoor.media.codec;

/**
 * Reads bits most significant first, with the Exp-Golomb codes of H.264; throws {@link IndexOutOfBoundsException} past
 * the end, which the parsers turn into "not well formed".
 */
final class Bits {

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private int position;

    Bits(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    Bits(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    int u(int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (position >= length * 8) {
                throw new IndexOutOfBoundsException("past the end of the header");
            }
            int bit = (bytes[offset + (position >> 3)] >> (7 - (position & 7))) & 1;
            value = (value << 1) | bit;
            position++;
        }
        return value;
    }

    int ue() {
        int zeros = 0;
        while (u(1) == 0) {
            if (++zeros > 31) {
                throw new IndexOutOfBoundsException("Exp-Golomb code too long");
            }
        }
        return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : Integer.toUnsignedLong(u(zeros))));
    }

    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
