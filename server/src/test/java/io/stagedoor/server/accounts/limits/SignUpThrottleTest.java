package io.stagedoor.server.accounts.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.server.config.AuthConfig;
import io.stagedoor.server.error.TooManyRequestsException;
import io.stagedoor.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignUpThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private final SignUpThrottle throttle =
            new SignUpThrottle(clock, new AuthConfig.SignUpLimits(3, 5, Duration.ofHours(1)));

    @Test
    void eachAddressAndEveryoneTogetherHaveTheirLimit() {
        for (int i = 0; i < 3; i++) {
            throttle.fromAddress("203.0.113.9");
        }
        assertThatThrownBy(() -> throttle.fromAddress("203.0.113.9"))
                .isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("Too many sign-ups from your network address");
        throttle.fromAddress("203.0.113.10");

        for (int i = 0; i < 5; i++) {
            throttle.inTotal();
        }
        assertThatThrownBy(() -> throttle.inTotal())
                .isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("takes no more new accounts for now")
                .satisfies(e ->
                        assertThat(((TooManyRequestsException) e).retryAfter()).isEqualTo(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(1));
        throttle.fromAddress("203.0.113.9");
        throttle.inTotal();
    }

    @Test
    void aSignUpTakenBackDoesNotCount() {
        for (int i = 0; i < 10; i++) {
            throttle.fromAddress("203.0.113.9").takeBack();
            throttle.inTotal().takeBack();
        }
        throttle.fromAddress("203.0.113.9");
        throttle.inTotal();
    }
}
