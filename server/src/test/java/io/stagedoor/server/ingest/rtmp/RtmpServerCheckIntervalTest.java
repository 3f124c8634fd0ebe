package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.rtmp.RtmpLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtmpServerCheckIntervalTest {

    private static RtmpLimits limits(Duration publish, Duration idle) {
        return new RtmpLimits(1000, 128, 4, publish, idle, 4, 16, 500);
    }

    @Test
    void deadlinesAreCheckedAtATenthOfTheShorterTimeoutWithinBounds() {
        assertThat(RtmpServer.checkInterval(RtmpLimits.DEFAULTS)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RtmpServer.checkInterval(limits(Duration.ofMillis(500), Duration.ofMillis(800))))
                .isEqualTo(Duration.ofMillis(50));
        assertThat(RtmpServer.checkInterval(limits(Duration.ofSeconds(5), Duration.ofMillis(50))))
                .isEqualTo(Duration.ofMillis(10));
    }
}
