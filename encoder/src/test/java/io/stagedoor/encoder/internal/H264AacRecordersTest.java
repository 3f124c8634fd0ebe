package io.stagedoor.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.Preset;
import org.junit.jupiter.api.Test;

class H264AacRecordersTest {

    @Test
    void x264GetsStrictCbrAndAFixedGopOnTheSegmentGrid() {
        assertThat(H264AacRecorders.x264Params(Preset.P1080_30.settings()))
                .isEqualTo("nal-hrd=cbr:force-cfr=1:scenecut=0:open-gop=0:keyint=60");
        assertThat(H264AacRecorders.x264Params(Preset.P1080_60.settings())).endsWith("keyint=120");
    }

    @Test
    void theTestPatternGraphNamesBothOutputs() {
        assertThat(LavfiTestPattern.filterGraph(Preset.P720_30.settings()))
                .isEqualTo("testsrc2=size=1280x720:rate=30[out0];"
                        + "sine=frequency=1000:sample_rate=48000,aformat=channel_layouts=stereo[out1]");
    }
}
