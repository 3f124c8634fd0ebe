package io.stagedoor.server.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyRulesTest {

    @ParameterizedTest(name = "{1} bp of {0} = {2}")
    @CsvSource({
        "1005, 1100, 111", // 110.55 rounds up
        "1000, 1100, 110",
        "4545, 1100, 500", // 499.95 rounds up
        "4540, 1100, 499", // 499.40 rounds down
        "50, 1000, 5",
        "5, 1000, 1", // 0.5 rounds up
        "4, 1000, 0",
        "0, 1100, 0",
        "123456, 0, 0",
        "999, 10000, 999"
    })
    void theFeeIsTheRateOfTheTotalRoundedHalfUp(long total, int basisPoints, long fee) {
        assertThat(Fees.fee(total, basisPoints)).isEqualTo(fee);
    }

    @Test
    void allocationAddsUpExactlyAndFavoursLargestRemainders() {
        assertThat(Allocation.proportional(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
        assertThat(Allocation.proportional(10, new long[] {3000, 0, 1000})).containsExactly(8, 0, 2);
        assertThat(Allocation.proportional(0, new long[] {5, 5})).containsExactly(0, 0);
        assertThat(Allocation.proportional(7, new long[] {0, 0})).containsExactly(0, 0);
    }

    @Test
    void allocationNeverGivesAPartMoreThanItsWeightAndAlwaysAddsUp() {
        var random = new Random(42);
        for (int round = 0; round < 10_000; round++) {
            var weights = random.longs(1 + random.nextInt(6), 0, 100_000).toArray();
            long total = Arrays.stream(weights).sum();
            long amount = total == 0 ? 0 : random.nextLong(total + 1);
            var shares = Allocation.proportional(amount, weights);
            assertThat(Arrays.stream(shares).sum()).isEqualTo(amount);
            for (int i = 0; i < weights.length; i++) {
                assertThat(shares[i]).isBetween(0L, weights[i]);
            }
        }
    }

    @Test
    void currenciesAreIsoCodesWithMinorUnits() {
        assertThat(Currencies.of("EUR")).isPresent();
        assertThat(Currencies.of("eur")).isEmpty();
        assertThat(Currencies.of("XYZ")).isEmpty();
        assertThat(Currencies.of("XXX")).as("no minor units defined").isEmpty();
        assertThat(Currencies.maxPriceMinor(Currency.getInstance("EUR"))).isEqualTo(10_000_000);
        assertThat(Currencies.maxPriceMinor(Currency.getInstance("JPY"))).isEqualTo(100_000);
        assertThat(Currencies.maxPriceMinor(Currency.getInstance("KWD"))).isEqualTo(100_000_000);
        assertThat(Currencies.format(123_456, "EUR", Locale.UK)).isEqualTo("€1,234.56");
        assertThat(Currencies.format(1200, "JPY", Locale.US)).isEqualTo("¥1,200");
    }
}
