package io.stagedoor.media.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BitrateWindowTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(5000));

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void countsOnlyCompleteBucketsAndOnlyTheTimeThereWas() {
        var window = new BitrateWindow(now::get, Duration.ofMillis(100), 100);
        assertThat(window.bitsPerSecond(10)).as("nothing complete yet").isZero();

        for (int i = 0; i < 25; i++) { // 2.5 s of 75 kB per 100 ms: 6 Mbps
            window.count(75_000);
            advance(Duration.ofMillis(100));
        }
        window.count(1_000_000); // in the bucket being filled: not counted yet

        assertThat(window.completeBuckets()).isEqualTo(25);
        assertThat(window.bitsPerSecond(10)).isEqualTo(6_000_000);
        assertThat(window.bitsPerSecond(Duration.ofSeconds(10)))
                .as("ten seconds asked, 2.5 there: averaged over 2.5")
                .isEqualTo(6_000_000);
        assertThat(window.totalBytes()).isEqualTo(25 * 75_000 + 1_000_000);
    }

    @Test
    void silenceBringsTheRateDownAndOldBucketsAreForgotten() {
        var window = new BitrateWindow(now::get, Duration.ofSeconds(1), 10);
        for (int i = 0; i < 10; i++) {
            window.count(750_000);
            advance(Duration.ofSeconds(1));
        }
        assertThat(window.bitsPerSecond(10)).isEqualTo(6_000_000);

        advance(Duration.ofSeconds(5));
        assertThat(window.bitsPerSecond(10)).isEqualTo(3_000_000);
        assertThat(window.bitsPerSecond(1)).isZero();
        assertThat(window.sinceLastCount()).isEqualTo(Duration.ofSeconds(6));

        advance(Duration.ofSeconds(60));
        assertThat(window.bitsPerSecond(10)).isZero();
        assertThat(window.bytesIn(3)).as("a bucket older than the ring").isZero();
        assertThat(window.bytesIn(-1)).isZero();
    }

    @Test
    void keepsEachBucketOfTheRecentPast() {
        var window = new BitrateWindow(now::get, Duration.ofSeconds(1), 300);
        for (int second = 0; second < 400; second++) {
            window.count(second);
            advance(Duration.ofSeconds(1));
        }
        assertThat(window.bytesIn(399)).isEqualTo(399);
        assertThat(window.bytesIn(100)).isEqualTo(100);
        assertThat(window.bytesIn(98))
                .as("past the 300 kept and the one filling")
                .isZero();
        assertThat(window.bytesIn(400)).as("not yet").isZero();
    }

    @Test
    void refusesAWindowOfNothing() {
        assertThatThrownBy(() -> new BitrateWindow(now::get, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BitrateWindow(now::get, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
