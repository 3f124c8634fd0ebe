package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void theFirstRestartIsAtOnceThenEachWaitsTwiceAsLongUpToTheCap() {
        var backoff = RestartBackoff.standard();
        var delays = new ArrayList<Long>();
        for (int i = 0; i < 12; i++) {
            delays.add(backoff.next().toMillis());
        }

        assertThat(delays)
                .containsExactly(
                        0L, 500L, 1000L, 2000L, 4000L, 8000L, 16_000L, 30_000L, 30_000L, 30_000L, 30_000L, 30_000L);
        assertThat(backoff.streak()).isEqualTo(12);
    }

    @Test
    void aRunThatLastedEndsTheStreak() {
        var backoff = new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        backoff.next();
        backoff.next();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));

        backoff.settled();

        assertThat(backoff.next()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.settle()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theCapHoldsHoweverLongTheStreak() {
        var backoff = new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBackoffThatCouldNotWorkIsRefused() {
        assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
