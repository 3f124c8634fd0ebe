package io.stagedoor.media.mp4;

import java.nio.charset.StandardCharsets;

/**
 * One box: its four-character type and its bytes, header included, as they were read.
 *
 * @param type {@code ftyp}, {@code moov}, {@code moof}, {@code mdat}…
 * @param bytes the whole box; not copied, so do not change it
 * @param headerSize 8, or 16 for a box with a 64-bit size
 */
public record Box(String type, byte[] bytes, int headerSize) {

    /** The box's content after its header. */
    public int payloadSize() {
        return bytes.length - headerSize;
    }

    static String typeAt(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "Box[" + type + ", " + bytes.length + " bytes]";
    }
}
