package io.stagedoor.encoder.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtmpUrlTest {

    @Test
    void urlsSplitIntoApplicationAndStreamKey() {
        var url = RtmpUrl.parse("rtmps://ingest.example.com/live/app2/sk_12345");
        assertThat(url.secure()).isTrue();
        assertThat(url.port()).isEqualTo(443);
        assertThat(url.app()).isEqualTo("live/app2");
        assertThat(url.streamKey()).isEqualTo("sk_12345");
        assertThat(url.tcUrl()).isEqualTo("rtmps://ingest.example.com:443/live/app2");
        assertThat(url.redacted())
                .isEqualTo("rtmps://ingest.example.com:443/live/app2/sk…")
                .doesNotContain("12345");
        var plain = RtmpUrl.parse("rtmp://127.0.0.1:1936/live/key?token=a/b");
        assertThat(plain.port()).isEqualTo(1936);
        assertThat(plain.app()).isEqualTo("live");
        assertThat(plain.streamKey()).isEqualTo("key?token=a/b");
    }
}
