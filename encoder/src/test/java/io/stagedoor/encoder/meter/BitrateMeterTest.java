package io.stagedoor.encoder.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BitrateMeterTest {

    private long nanos = 1_000_000_000L;
    private final BitrateMeter meter = new BitrateMeter(() -> nanos, 6_000, 30);

    /** Sends {@code kbps} for one second in ten even pieces. */
    private void second(double kbps) {
        long bytesPerTenth = Math.round(kbps * 1000 / 8 / 10);
        for (int i = 0; i < 10; i++) {
            meter.count(bytesPerTenth);
            nanos += 100_000_000L;
        }
    }

    @Test
    void theWindowsAverageWholeSeconds() {
        assertThat(meter.reading().state()).isEqualTo(BitrateState.MEASURING);
        for (int s = 0; s < 10; s++) {
            second(s < 5 ? 6_000 : 7_000);
        }
        var reading = meter.reading();
        assertThat(reading.lastSecondKbps()).isCloseTo(7_000, within(0.1));
        assertThat(reading.lastTenSecondsKbps()).isCloseTo(6_500, within(0.1));
        assertThat(reading.historyKbps()).hasSize(10).startsWith(6_000.0).endsWith(7_000.0);
        assertThat(reading.totalBytes()).isEqualTo(5 * 750_000L + 5 * 875_000L);
        assertThat(reading.state()).isEqualTo(BitrateState.OK);
    }

    @Test
    void belowTheRecommendedRateWarnsAfterFiveSecondsAndErrsAfterFifteen() {
        second(6_200);
        for (int s = 1; s <= 4; s++) {
            second(5_000);
        }
        assertThat(meter.reading().state()).isEqualTo(BitrateState.OK);
        assertThat(meter.reading().belowRecommendedFor()).isEqualTo(Duration.ofSeconds(4));
        second(5_000);
        assertThat(meter.reading().state()).isEqualTo(BitrateState.LOW_WARNING);
        for (int s = 6; s <= 14; s++) {
            second(5_000);
        }
        assertThat(meter.reading().state()).isEqualTo(BitrateState.LOW_WARNING);
        second(5_000);
        assertThat(meter.reading().state()).isEqualTo(BitrateState.LOW_ERROR);
        assertThat(meter.reading().belowRecommendedFor()).isEqualTo(Duration.ofSeconds(15));
        second(6_100);
        assertThat(meter.reading().state()).isEqualTo(BitrateState.OK);
        assertThat(meter.reading().belowRecommendedFor()).isZero();
    }

    @Test
    void twoSecondsWithoutAByteIsAStall() {
        second(6_500);
        second(6_500);
        nanos += 1_800_000_000L; // the last byte came 1.9 s ago
        assertThat(meter.reading().state()).isNotEqualTo(BitrateState.STALLED);
        nanos += 200_000_000L;
        var reading = meter.reading();
        assertThat(reading.state()).isEqualTo(BitrateState.STALLED);
        assertThat(reading.lastSecondKbps()).isZero();
    }

    @Test
    void theHistoryKeepsOnlyItsLength() {
        for (int s = 0; s < 45; s++) {
            second(1_000 + s);
        }
        var history = meter.reading().historyKbps();
        assertThat(history).hasSize(30);
        assertThat(history.getFirst()).isCloseTo(1_015, within(0.1));
        assertThat(history.getLast()).isCloseTo(1_044, within(0.1));
    }
}
