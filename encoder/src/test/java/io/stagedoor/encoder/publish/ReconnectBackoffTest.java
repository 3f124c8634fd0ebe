package io.stagedoor.encoder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void delaysGrowByHalfUpToTheMaximum() {
        var backoff = new ReconnectBackoff(ReconnectSettings.defaults().withMax(Duration.ofSeconds(10)), () -> 0.5);
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(3000));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(4500));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(6750));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(10000));
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(10000));
        assertThat(backoff.attempts()).isEqualTo(6);
        backoff.reset();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void jitterSpreadsEachDelayByTenPercentEitherWay() {
        var low = new ReconnectBackoff(ReconnectSettings.defaults(), () -> 0.0);
        var high = new ReconnectBackoff(ReconnectSettings.defaults(), () -> 0.999_999);
        assertThat(low.nextDelay()).isEqualTo(Duration.ofMillis(1800));
        assertThat(high.nextDelay()).isEqualTo(Duration.ofMillis(2200));
        assertThat(low.nextDelay()).isEqualTo(Duration.ofMillis(2700));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new ReconnectSettings(Duration.ofSeconds(2), 0.5, Duration.ofSeconds(30), 0.1))
                .hasMessageContaining("factor must be at least 1");
        assertThatThrownBy(() -> ReconnectSettings.defaults().withMax(Duration.ofSeconds(1)))
                .hasMessageContaining("need 0 < first ≤ max");
        assertThatThrownBy(() -> new DropPolicy(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(8)))
                .hasMessageContaining("the thresholds must grow");
    }
}
