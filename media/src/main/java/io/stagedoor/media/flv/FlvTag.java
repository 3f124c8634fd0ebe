package io.stagedoor.media.flv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One FLV tag, which is also the body of an RTMP audio, video or data message: how media travel from the encoder's
 * muxer to the network, and from the server's ingest to its packager.
 *
 * @param type {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
 * @param timestampMillis decoding time in milliseconds; FLV files and RTMP carry its low 32 bits, a receiver may keep
 *     it unwrapped past 2³² ms
 * @param data the tag body; not copied, so do not change it
 */
public record FlvTag(int type, long timestampMillis, byte[] data) {

    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;

    /** The FLV video codec ID of H.264. */
    public static final int CODEC_AVC = 7;
    /** The FLV sound format of AAC. */
    public static final int SOUND_AAC = 10;

    /** The bytes before a tag's body in a file, and after it (its PreviousTagSize). */
    static final int HEADER_BYTES = 11;

    static final int TRAILER_BYTES = 4;

    public FlvTag {
        if (type != AUDIO && type != VIDEO && type != SCRIPT) {
            throw new IllegalArgumentException("Not an FLV tag type: " + type);
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
        return isVideo() && data.length > 1 && (data[0] & 0x70) >> 4 == 1 && !isSequenceHeader();
    }

    /** The AVC decoder configuration or the AAC AudioSpecificConfig: needed by a receiver before any frame. */
    public boolean isSequenceHeader() {
        return isAvcSequenceHeader() || isAacSequenceHeader();
    }

    /** An AVC sequence header: the decoder configuration record, after the five bytes of FLV's video header. */
    public boolean isAvcSequenceHeader() {
        return isVideo() && data.length > 5 && (data[0] & 0x0F) == CODEC_AVC && (data[0] & 0x80) == 0 && data[1] == 0;
    }

    /** An AAC sequence header: the AudioSpecificConfig, after the two bytes of FLV's audio header. */
    public boolean isAacSequenceHeader() {
        return isAudio() && data.length > 2 && ((data[0] >> 4) & 0x0F) == SOUND_AAC && data[1] == 0;
    }

    /**
     * A video frame no other frame refers to: every slice in it has {@code nal_ref_idc == 0} (H.264 7.4.1), so it can
     * be dropped without corrupting the picture. Keyframes and sequence headers never are.
     */
    public boolean isDisposable() {
        if (!isVideo() || data.length < 5 || (data[0] & 0x0F) != CODEC_AVC || data[1] != 1 || isKeyframe()) {
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

    /**
     * Why this tag's media cannot be packaged as H.264 and AAC, in words for the publisher ("video codec HEVC; send
     * H.264 (AVC) instead"), or null when it can. Script data and empty bodies are never refused.
     */
    public @Nullable String unsupportedCodec() {
        if (data.length == 0 || isScript()) {
            return null;
        }
        if (isVideo()) {
            if ((data[0] & 0x80) != 0) {
                // Enhanced RTMP: a FourCC names the codec.
                var fourCc = data.length >= 5 ? new String(data, 1, 4, StandardCharsets.US_ASCII) : "?";
                return "video codec " + fourCc + " (enhanced RTMP); send H.264 (AVC) instead";
            }
            int codec = data[0] & 0x0F;
            return codec == CODEC_AVC ? null : "video codec " + videoCodecName(codec) + "; send H.264 (AVC) instead";
        }
        int format = (data[0] >> 4) & 0x0F;
        return format == SOUND_AAC ? null : "audio codec " + soundFormatName(format) + "; send AAC instead";
    }

    private static String videoCodecName(int codec) {
        return switch (codec) {
            case 2 -> "Sorenson H.263";
            case 3 -> "Screen video";
            case 4 -> "VP6";
            case 5 -> "VP6 with alpha";
            case 6 -> "Screen video 2";
            case 12 -> "HEVC";
            default -> "#" + codec;
        };
    }

    private static String soundFormatName(int format) {
        return switch (format) {
            case 0, 3 -> "linear PCM";
            case 1 -> "ADPCM";
            case 2, 14 -> "MP3";
            case 4, 5, 6 -> "Nellymoser";
            case 7 -> "G.711 A-law";
            case 8 -> "G.711 mu-law";
            case 9 -> "enhanced RTMP audio (Opus, FLAC, AC-3…)";
            case 11 -> "Speex";
            default -> "#" + format;
        };
    }

    /** Writes the tag as it appears in an FLV file, followed by its PreviousTagSize field. */
    public void writeTo(OutputStream out) throws IOException {
        int size = data.length;
        long time = timestampMillis;
        int previousTagSize = HEADER_BYTES + size;
        out.write(new byte[] {
            (byte) type,
            (byte) (size >>> 16),
            (byte) (size >>> 8),
            (byte) size,
            (byte) (time >>> 16),
            (byte) (time >>> 8),
            (byte) time,
            (byte) (time >>> 24), // the extension: the timestamp's upper eight bits
            0,
            0,
            0
        });
        out.write(data);
        out.write(new byte[] {
            (byte) (previousTagSize >>> 24),
            (byte) (previousTagSize >>> 16),
            (byte) (previousTagSize >>> 8),
            (byte) previousTagSize
        });
    }

    /** The tag as it appears in an FLV file, followed by its PreviousTagSize field. */
    public byte[] toFileBytes() {
        var out = new ByteArrayOutputStream(data.length + HEADER_BYTES + TRAILER_BYTES);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException("A byte array cannot fail to take bytes", e);
        }
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

    @Override
    public String toString() {
        return "FlvTag[type=" + type + ", timestampMillis=" + timestampMillis + ", bytes=" + data.length + "]";
    }
}
