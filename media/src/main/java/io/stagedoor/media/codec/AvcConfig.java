package io.stagedoor.media.codec;

import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * What an H.264 stream's decoder configuration record and its first sequence parameter set say.
 *
 * @param profile {@code profile_idc} (66 Baseline, 77 Main, 100 High…)
 * @param constraints the constraint flags byte
 * @param level {@code level_idc}, ten times the level (42 is 4.2)
 * @param width the picture's width in pixels, after cropping
 * @param height the picture's height in pixels, after cropping
 */
public record AvcConfig(int profile, int constraints, int level, int width, int height) {

    /** The bytes of FLV's video header before an AVC sequence header's configuration record. */
    private static final int FLV_VIDEO_HEADER = 5;

    /** {@code avc1.64002a}, as the CODECS attribute of HLS and the RFC 6381 codecs parameter write it. */
    public String codecs() {
        return String.format("avc1.%02x%02x%02x", profile, constraints, level);
    }

    /** {@code H.264 High 4.2}, for people. */
    public String describe() {
        var name = switch (profile) {
            case 66 -> (constraints & 0x40) != 0 ? "Constrained Baseline" : "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> "High";
            case 110 -> "High 10";
            case 122 -> "High 4:2:2";
            case 244 -> "High 4:4:4";
            default -> "profile " + profile;
        };
        return "H.264 " + name + " " + (level / 10) + "." + (level % 10);
    }

    /** From the body of an FLV AVC sequence header tag; null when it is not well formed. */
    public static @Nullable AvcConfig fromFlvSequenceHeader(byte[] tagBody) {
        return fromRecord(tagBody, FLV_VIDEO_HEADER);
    }

    /**
     * From an AVCDecoderConfigurationRecord (ISO/IEC 14496-15) starting at {@code offset}: its first SPS; null when
     * the record or the SPS is not well formed.
     */
    public static @Nullable AvcConfig fromRecord(byte[] bytes, int offset) {
        try {
            int p = offset;
            if (p < 0 || bytes.length < p + 8 || bytes[p] != 1) {
                return null;
            }
            int spsCount = bytes[p + 5] & 0x1F;
            if (spsCount == 0) {
                return null;
            }
            int spsLength = ((bytes[p + 6] & 0xFF) << 8) | (bytes[p + 7] & 0xFF);
            int spsStart = p + 8;
            if (spsStart + spsLength > bytes.length || spsLength < 4) {
                return null;
            }
            return parseSps(unescape(bytes, spsStart + 1, spsLength - 1));
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Removes emulation-prevention bytes (00 00 03 → 00 00). */
    private static byte[] unescape(byte[] bytes, int from, int length) {
        var out = new ByteArrayOutputStream(length);
        int zeros = 0;
        for (int i = from; i < from + length; i++) {
            int b = bytes[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out.write(b);
        }
        return out.toByteArray();
    }

    private static AvcConfig parseSps(byte[] rbsp) {
        var bits = new Bits(rbsp);
        int profile = bits.u(8);
        int constraints = bits.u(8);
        int level = bits.u(8);
        bits.ue(); // seq_parameter_set_id
        int chroma = 1;
        if (profile == 100
                || profile == 110
                || profile == 122
                || profile == 244
                || profile == 44
                || profile == 83
                || profile == 86
                || profile == 118
                || profile == 128
                || profile == 138
                || profile == 139
                || profile == 134
                || profile == 135) {
            chroma = bits.ue();
            if (chroma == 3) {
                bits.u(1);
            }
            bits.ue();
            bits.ue();
            bits.u(1);
            if (bits.u(1) == 1) {
                for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                    if (bits.u(1) == 1) {
                        skipScalingList(bits, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        bits.ue(); // log2_max_frame_num_minus4
        int pocType = bits.ue();
        if (pocType == 0) {
            bits.ue();
        } else if (pocType == 1) {
            bits.u(1);
            bits.se();
            bits.se();
            int cycle = bits.ue();
            for (int i = 0; i < cycle && i < 256; i++) {
                bits.se();
            }
        }
        bits.ue(); // max_num_ref_frames
        bits.u(1);
        int widthMbs = bits.ue() + 1;
        int heightMapUnits = bits.ue() + 1;
        int frameMbsOnly = bits.u(1);
        if (frameMbsOnly == 0) {
            bits.u(1);
        }
        bits.u(1);
        int cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (bits.u(1) == 1) {
            cropLeft = bits.ue();
            cropRight = bits.ue();
            cropTop = bits.ue();
            cropBottom = bits.ue();
        }
        int cropUnitX = chroma == 0 || chroma == 3 ? 1 : 2;
        int cropUnitY = (chroma == 1 ? 2 : 1) * (2 - frameMbsOnly);
        int width = widthMbs * 16 - (cropLeft + cropRight) * cropUnitX;
        int height = (2 - frameMbsOnly) * heightMapUnits * 16 - (cropTop + cropBottom) * cropUnitY;
        return new AvcConfig(profile, constraints, level, width, height);
    }

    private static void skipScalingList(Bits bits, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + bits.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }
}
