package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.server.error.TooManyRequestsException;
import io.stagedoor.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock, 3, Duration.ofMinutes(1), "ticket look-ups");

    @Test
    void theActionAfterTheLimitIsRefusedWithTheTimeToWait() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("198.51.100.7");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> limiter.acquire("198.51.100.7"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.getMessage())
                            .contains("Too many ticket look-ups")
                            .contains("30 second(s)");
                });
    }

    @Test
    void eachKeyCountsOnItsOwnAndTheWindowSlides() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        limiter.acquire("b");
        assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(TooManyRequestsException.class);
        clock.advance(Duration.ofMinutes(1));
        limiter.acquire("a");
        limiter.acquire("a");
        limiter.acquire("a");
        assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void refusedAttemptsDoNotExtendTheWait() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(TooManyRequestsException.class);
        }
        clock.advance(Duration.ofMinutes(1));
        limiter.acquire("a");
    }
}
