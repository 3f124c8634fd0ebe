package io.stagedoor.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.flv.FlvTag;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The codec headers a publisher sends first, read as the server reads them. */
class CodecHeadersTest {

    /** The FLV AVC sequence header x264 wrote for a 1920x1080 High 4.0 test pattern (its SPS crops to 1080 lines). */
    private static final byte[] AVC_1080P = HexFormat.of()
            .parseHex("170000000001640028ffe1002767640028acd940780227e5c044000003000400000300f3890000b71b00016e378a8c01"
                    + "e30632c001000468efbcb0fdf8f800");

    @Test
    void readsProfileLevelAndPictureSizeFromTheSequenceHeader() {
        assertThat(new FlvTag(FlvTag.VIDEO, 0, AVC_1080P).isAvcSequenceHeader()).isTrue();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, AVC_1080P).isKeyframe())
                .as("a header, not a frame")
                .isFalse();
        var avc = AvcConfig.fromFlvSequenceHeader(AVC_1080P);
        assertThat(avc).isNotNull();
        assertThat(avc.width()).isEqualTo(1920);
        assertThat(avc.height()).isEqualTo(1080);
        assertThat(avc.describe()).isEqualTo("H.264 High 4.0");
        assertThat(avc.codecs()).isEqualTo("avc1.640028");
    }

    @Test
    void readsTheAudioConfiguration() {
        var aac = AacConfig.fromFlvSequenceHeader(
                new byte[] {(byte) 0xAF, 0, 0x11, (byte) 0x90}); // AAC-LC, 48 kHz, stereo
        assertThat(aac).isNotNull();
        assertThat(aac.describe()).isEqualTo("AAC-LC 48000 Hz 2 ch");
        assertThat(aac.codecs()).isEqualTo("mp4a.40.2");
    }

    @Test
    void namesWhatItRefuses() {
        assertThat(new FlvTag(FlvTag.VIDEO, 0, new byte[] {0x17, 1}).unsupportedCodec())
                .isNull();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, new byte[] {0x1C, 0}).unsupportedCodec())
                .contains("HEVC")
                .contains("send H.264");
        assertThat(new FlvTag(FlvTag.VIDEO, 0, new byte[] {(byte) 0x90, 'h', 'v', 'c', '1'}).unsupportedCodec())
                .contains("hvc1");
        assertThat(new FlvTag(FlvTag.AUDIO, 0, new byte[] {(byte) 0xAF, 1}).unsupportedCodec())
                .isNull();
        assertThat(new FlvTag(FlvTag.AUDIO, 0, new byte[] {0x2F, 0}).unsupportedCodec())
                .contains("MP3")
                .contains("send AAC");
    }

    @Test
    void malformedHeadersAreNotAFailure() {
        assertThat(AvcConfig.fromFlvSequenceHeader(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64}))
                .isNull();
        assertThat(AvcConfig.fromFlvSequenceHeader(
                        HexFormat.of().parseHex("1700000000" + "01640028ffe1" + "00ff" + "6764")))
                .isNull();
        assertThat(AacConfig.fromFlvSequenceHeader(new byte[] {(byte) 0xAF, 0})).isNull();
    }
}
