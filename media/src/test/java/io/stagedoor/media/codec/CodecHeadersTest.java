package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FlvMediaTest {

    /** The FLV AVC sequence header x264 wrote for a 1920x1080 High 4.0 test pattern (its SPS crops to 1080 lines). */
    private static final byte[] AVC_1080P = HexFormat.of()
            .parseHex("170000000001640028ffe1002767640028acd940780227e5c044000003000400000300f3890000b71b00016e378a8c01"
                    + "e30632c001000468efbcb0fdf8f800");

    @Test
    void readsProfileLevelAndPictureSizeFromTheSequenceHeader() {
        assertThat(FlvMedia.isAvcSequenceHeader(AVC_1080P)).isTrue();
        assertThat(FlvMedia.isKeyframe(AVC_1080P)).isTrue();
        var avc = FlvMedia.avc(AVC_1080P);
        assertThat(avc).isNotNull();
        assertThat(avc.width()).isEqualTo(1920);
        assertThat(avc.height()).isEqualTo(1080);
        assertThat(avc.describe()).isEqualTo("H.264 High 4.0");
        assertThat(avc.codecs()).isEqualTo("avc1.640028");
    }

    @Test
    void readsTheAudioConfiguration() {
        var aac = FlvMedia.aac(new byte[] {(byte) 0xAF, 0, 0x11, (byte) 0x90}); // AAC-LC, 48 kHz, stereo
        assertThat(aac).isNotNull();
        assertThat(aac.describe()).isEqualTo("AAC-LC 48000 Hz 2 ch");
        assertThat(aac.codecs()).isEqualTo("mp4a.40.2");
    }

    @Test
    void namesWhatItRefuses() {
        assertThat(FlvMedia.refusedVideo(new byte[] {0x17, 1})).isNull();
        assertThat(FlvMedia.refusedVideo(new byte[] {0x1C, 0})).contains("HEVC").contains("send H.264");
        assertThat(FlvMedia.refusedVideo(new byte[] {(byte) 0x90, 'h', 'v', 'c', '1'}))
                .contains("hvc1");
        assertThat(FlvMedia.refusedAudio(new byte[] {(byte) 0xAF, 1})).isNull();
        assertThat(FlvMedia.refusedAudio(new byte[] {0x2F, 0})).contains("MP3").contains("send AAC");
    }

    @Test
    void malformedHeadersAreNotAFailure() {
        assertThat(FlvMedia.avc(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64})).isNull();
        assertThat(FlvMedia.avc(HexFormat.of().parseHex("1700000000" + "01640028ffe1" + "00ff" + "6764")))
                .isNull();
        assertThat(FlvMedia.aac(new byte[] {(byte) 0xAF, 0})).isNull();
    }
}
