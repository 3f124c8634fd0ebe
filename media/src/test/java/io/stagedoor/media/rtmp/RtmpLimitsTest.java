package io.stagedoor.media.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtmpLimitsTest {

    private static RtmpLimits limits(int maxChunkSize, Duration handshake, Duration idle) {
        return new RtmpLimits(1000, maxChunkSize, 4, handshake, idle, 4, 16, 500);
    }

    @Test
    void limitsThatCouldNotWorkAreRefused() {
        assertThatThrownBy(() -> limits(127, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 128");
        assertThatThrownBy(() -> limits(128, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("timeouts must be positive");
        assertThatThrownBy(() -> new RtmpLimits(0, 128, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 16, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStrangerMayNotSendMoreThanAPublisher() {
        assertThatThrownBy(
                        () -> new RtmpLimits(1000, 128, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 16, 1001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A stranger may not send more (1001 bytes) than a publisher (1000)");
        assertThatThrownBy(() -> new RtmpLimits(1000, 128, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 16, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublisherMayHoldTwoLargestMessagesUnfinishedAndAStrangerSixtyFourKibibytes() {
        assertThat(RtmpLimits.DEFAULTS.maxBufferedBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(RtmpLimits.DEFAULTS.maxBytesBeforePublish()).isEqualTo(64 * 1024);
        assertThat(RtmpLimits.DEFAULTS.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theTimeoutsCanBeChangedAlone() {
        var changed =
                RtmpLimits.DEFAULTS.withPublishTimeout(Duration.ofSeconds(3)).withIdleTimeout(Duration.ofSeconds(7));

        assertThat(changed.publishTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(changed.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(changed.withPublishTimeout(RtmpLimits.DEFAULTS.publishTimeout())
                        .withIdleTimeout(RtmpLimits.DEFAULTS.idleTimeout()))
                .isEqualTo(RtmpLimits.DEFAULTS);
    }
}
