package io.stagedoor.server.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** What an RTMP audio or video message (an FLV tag body) carries: codec, keyframe, sequence header. */
final class FlvMedia {

    static final int CODEC_AVC = 7;
    static final int SOUND_AAC = 10;

    private FlvMedia() {}

    static boolean isKeyframe(byte[] video) {
        return video.length > 0 && ((video[0] >> 4) & 0x07) == 1;
    }

    /** An AVC sequence header: the decoder configuration record. */
    static boolean isAvcSequenceHeader(byte[] video) {
        return video.length > 5 && (video[0] & 0x0F) == CODEC_AVC && (video[0] & 0x80) == 0 && video[1] == 0;
    }

    static boolean isAacSequenceHeader(byte[] audio) {
        return audio.length > 2 && ((audio[0] >> 4) & 0x0F) == SOUND_AAC && audio[1] == 0;
    }

    /** Why a video message cannot be packaged, or null when it is H.264. */
    static @Nullable String refusedVideo(byte[] video) {
        if (video.length == 0) {
            return null;
        }
        if ((video[0] & 0x80) != 0) {
            // Enhanced RTMP: a FourCC names the codec.
            var fourCc = video.length >= 5 ? new String(video, 1, 4, StandardCharsets.US_ASCII) : "?";
            return "video codec " + fourCc + " (enhanced RTMP); send H.264 (AVC) instead";
        }
        int codec = video[0] & 0x0F;
        if (codec == CODEC_AVC) {
            return null;
        }
        return "video codec " + videoCodecName(codec) + "; send H.264 (AVC) instead";
    }

    /** Why an audio message cannot be packaged, or null when it is AAC. */
    static @Nullable String refusedAudio(byte[] audio) {
        if (audio.length == 0) {
            return null;
        }
        int format = (audio[0] >> 4) & 0x0F;
        if (format == SOUND_AAC) {
            return null;
        }
        return "audio codec " + soundFormatName(format) + "; send AAC instead";
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

    /** Decoded from an AVC sequence header. */
    record Avc(int profile, int constraints, int level, int width, int height) {

        /** {@code avc1.64002a}, as HLS's CODECS attribute writes it. */
        String codecs() {
            return String.format("avc1.%02x%02x%02x", profile, constraints, level);
        }

        String describe() {
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
    }

    /** Parses the configuration record and its first SPS; null when they are not well formed. */
    static @Nullable Avc avc(byte[] sequenceHeader) {
        try {
            int p = 5; // FLV video header
            if (sequenceHeader.length < p + 8 || sequenceHeader[p] != 1) {
                return null;
            }
            int spsCount = sequenceHeader[p + 5] & 0x1F;
            if (spsCount == 0) {
                return null;
            }
            int spsLength = ((sequenceHeader[p + 6] & 0xFF) << 8) | (sequenceHeader[p + 7] & 0xFF);
            int spsStart = p + 8;
            if (spsStart + spsLength > sequenceHeader.length || spsLength < 4) {
                return null;
            }
            return parseSps(unescape(sequenceHeader, spsStart + 1, spsLength - 1));
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

    private static Avc parseSps(byte[] rbsp) {
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
        return new Avc(profile, constraints, level, width, height);
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

    /** Decoded from an AAC sequence header (AudioSpecificConfig). */
    record Aac(int objectType, int sampleRate, int channels) {

        String codecs() {
            return "mp4a.40." + objectType;
        }

        String describe() {
            var name = switch (objectType) {
                case 2 -> "AAC-LC";
                case 5 -> "HE-AAC";
                case 29 -> "HE-AACv2";
                default -> "AAC (object type " + objectType + ")";
            };
            return name + " " + sampleRate + " Hz " + channels + " ch";
        }
    }

    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    static @Nullable Aac aac(byte[] sequenceHeader) {
        if (sequenceHeader.length < 4) {
            return null;
        }
        var bits = new Bits(java.util.Arrays.copyOfRange(sequenceHeader, 2, sequenceHeader.length));
        try {
            int objectType = bits.u(5);
            int rateIndex = bits.u(4);
            int rate = rateIndex == 15 ? bits.u(24) : rateIndex < SAMPLE_RATES.length ? SAMPLE_RATES[rateIndex] : 0;
            int channels = bits.u(4);
            return new Aac(objectType, rate, channels);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Reads bits most significant first; throws {@link IndexOutOfBoundsException} past the end. */
    private static final class Bits {
        private final byte[] bytes;
        private int position;

        Bits(byte[] bytes) {
            this.bytes = bytes;
        }

        int u(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                if (position >= bytes.length * 8) {
                    throw new IndexOutOfBoundsException("past the end of the parameter set");
                }
                int bit = (bytes[position >> 3] >> (7 - (position & 7))) & 1;
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
}
