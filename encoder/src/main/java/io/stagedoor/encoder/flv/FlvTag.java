package io.stagedoor.encoder.flv;

import java.io.ByteArrayOutputStream;

/**
 * One FLV tag: an audio packet, a video packet or script data, with its payload as FFmpeg's FLV muxer wrote it.
 *
 * @param type {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
 * @param timestampMillis decoding time in milliseconds (32 bits, as FLV and RTMP carry it)
 * @param data the tag body; not copied, so do not change it
 */
public record FlvTag(int type, long timestampMillis, byte[] data) {

    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;

    private static final int AVC = 7;
    private static final int AAC = 10;

    public FlvTag {
        if (type != AUDIO && type != VIDEO && type != SCRIPT) {
            throw new IllegalArgumentException("not an FLV tag type: " + type);
        }
    }

    public boolean isVideo() {
        return type == VIDEO;
    }

    public boolean isAudio() {
        return type == AUDIO;
    }

    public boolean isScript() {
        return type == SCRIPT;
    }

    /** A video keyframe (FLV frame type 1) that is not the AVC sequence header. */
    public boolean isKeyframe() {
        return isVideo() && data.length > 1 && (data[0] & 0xF0) >> 4 == 1 && !isSequenceHeader();
    }

    /** The AVC decoder configuration or the AAC AudioSpecificConfig: needed by a receiver before any frame. */
    public boolean isSequenceHeader() {
        if (data.length < 2) {
            return false;
        }
        if (isVideo()) {
            return (data[0] & 0x0F) == AVC && data[1] == 0;
        }
        return isAudio() && (data[0] & 0xF0) >> 4 == AAC && data[1] == 0;
    }

    /**
     * A video frame no other frame refers to: every slice in it has {@code nal_ref_idc == 0} (H.264 7.4.1), so it can
     * be dropped without corrupting the picture. Keyframes and sequence headers never are.
     */
    public boolean isDisposable() {
        if (!isVideo() || data.length < 5 || (data[0] & 0x0F) != AVC || data[1] != 1 || isKeyframe()) {
            return false;
        }
        boolean sawSlice = false;
        int offset = 5;
        while (offset + 4 < data.length) {
            int length = ((data[offset] & 0xFF) << 24)
                    | ((data[offset + 1] & 0xFF) << 16)
                    | ((data[offset + 2] & 0xFF) << 8)
                    | (data[offset + 3] & 0xFF);
            if (length <= 0 || offset + 4 + length > data.length) {
                return false;
            }
            int header = data[offset + 4] & 0xFF;
            int nalType = header & 0x1F;
            int refIdc = (header >> 5) & 0x03;
            if (nalType >= 1 && nalType <= 5) {
                if (refIdc != 0) {
                    return false;
                }
                sawSlice = true;
            }
            offset += 4 + length;
        }
        return sawSlice;
    }

    /** The tag as it appears in an FLV file, followed by its PreviousTagSize field. */
    public byte[] toFileBytes() {
        var out = new ByteArrayOutputStream(data.length + 15);
        out.write(type);
        writeUint24(out, data.length);
        writeUint24(out, (int) (timestampMillis & 0xFFFFFF));
        out.write((int) (timestampMillis >>> 24) & 0xFF);
        writeUint24(out, 0);
        out.writeBytes(data);
        int previousTagSize = 11 + data.length;
        out.write(previousTagSize >>> 24);
        out.write(previousTagSize >>> 16);
        out.write(previousTagSize >>> 8);
        out.write(previousTagSize);
        return out.toByteArray();
    }

    /** The 13 bytes an FLV file starts with: signature, version, stream flags, header size, PreviousTagSize0. */
    public static byte[] fileHeader(boolean audio, boolean video) {
        int flags = (audio ? 4 : 0) | (video ? 1 : 0);
        return new byte[] {'F', 'L', 'V', 1, (byte) flags, 0, 0, 0, 9, 0, 0, 0, 0};
    }

    /** A copy with another timestamp, e.g. rebased for a new connection. */
    public FlvTag withTimestamp(long millis) {
        return new FlvTag(type, millis, data);
    }

    private static void writeUint24(ByteArrayOutputStream out, int value) {
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public String toString() {
        return "FlvTag[type=" + type + ", timestampMillis=" + timestampMillis + ", bytes=" + data.length + "]";
    }
}
