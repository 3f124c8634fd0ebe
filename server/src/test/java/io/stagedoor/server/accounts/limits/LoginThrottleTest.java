package io.stagedoor.server.accounts.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.server.config.AuthConfig;
import io.stagedoor.server.error.TooManyRequestsException;
import io.stagedoor.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final AuthConfig.SignInLimits LIMITS =
            new AuthConfig.SignInLimits(30, 5, 20, Duration.ofMinutes(15));
    private static final String OWNER = "ada@example.org";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private final Set<String> ownersNetworks = new HashSet<>(Set.of(OWNER + " 198.51.100.1"));
    private final LoginThrottle throttle =
            new LoginThrottle(clock, LIMITS, (email, network) -> ownersNetworks.contains(email + " " + network));

    @Test
    void aHundredWrongGuessesAtOnceGetNoFurtherThanTheLimit() throws Exception {
        var start = new CountDownLatch(1);
        var begun = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                begun.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    try {
                        // Counted before the password is looked at; a wrong one leaves it counted.
                        throttle.begin(OWNER, "203.0.113.9");
                        return true;
                    } catch (TooManyRequestsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
        }
        int checked = 0;
        for (var attempt : begun) {
            checked += attempt.get() ? 1 : 0;
        }
        assertThat(checked).isEqualTo(5);
    }

    @Test
    void aStrangersGuessesNeverKeepTheOwnerOutFromAnotherAddress() {
        failFrom("203.0.113.9", 5);
        assertThatThrownBy(() -> throttle.begin(OWNER, "203.0.113.9"))
                .isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("to this account from your network address");

        throttle.begin(OWNER, "198.51.100.1").succeeded();
        throttle.begin(OWNER, "192.0.2.44").succeeded();
    }

    @Test
    void guessesFromManyAddressesStopAtTheAccountsLimitButNotWhereItsOwnerSignedInBefore() {
        for (int i = 0; i < 4; i++) {
            failFrom("203.0.113." + i, 5);
        }
        assertThatThrownBy(() -> throttle.begin(OWNER, "203.0.113.200"))
                .isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("from places it was never signed in from")
                .satisfies(e -> assertThat(((TooManyRequestsException) e).retryAfter())
                        .isPositive()
                        .isLessThanOrEqualTo(Duration.ofMinutes(15)));

        // The owner at home gets in, and their mistakes there still count against that address alone.
        var home = throttle.begin(OWNER, "198.51.100.1");
        home.succeeded();
        for (int i = 0; i < 5; i++) {
            throttle.begin(OWNER, "198.51.100.1");
        }
        assertThatThrownBy(() -> throttle.begin(OWNER, "198.51.100.1"))
                .hasMessageContaining("to this account from your network address");

        clock.advance(Duration.ofMinutes(15));
        throttle.begin(OWNER, "203.0.113.200").succeeded();
    }

    @Test
    void oneAddressGuessingManyAccountsIsHeldBackToo() {
        for (int i = 0; i < 30; i++) {
            throttle.begin("user" + i + "@example.org", "203.0.113.9");
        }
        assertThatThrownBy(() -> throttle.begin("another@example.org", "203.0.113.9"))
                .hasMessageContaining("from your network address");
        throttle.begin("another@example.org", "203.0.113.10").succeeded();
    }

    @Test
    void aRightPasswordOrOneNeverCheckedDoesNotCount() {
        for (int i = 0; i < 20; i++) {
            throttle.begin(OWNER, "203.0.113.9").abandoned();
        }
        for (int i = 0; i < 4; i++) {
            throttle.begin(OWNER, "203.0.113.9");
        }
        // Right at last: that address's earlier failures on this account are forgiven.
        throttle.begin(OWNER, "203.0.113.9").succeeded();
        for (int i = 0; i < 5; i++) {
            throttle.begin(OWNER, "203.0.113.9");
        }
        assertThatThrownBy(() -> throttle.begin(OWNER, "203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void aFloodOfMadeUpAddressesAndAccountsStaysWithinItsBound() {
        var flood = new LoginThrottle(
                clock, new AuthConfig.SignInLimits(30, 5, 1_000_000, Duration.ofMinutes(15)), (e, n) -> false);
        for (int i = 0; i < 3 * LoginThrottle.MAX_KEYS; i++) {
            flood.begin(
                    "nobody" + i + "@example.org", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(flood.keys()).isEqualTo(LoginThrottle.MAX_KEYS);
    }

    private void failFrom(String network, int times) {
        for (int i = 0; i < times; i++) {
            throttle.begin(OWNER, network);
        }
    }
}
