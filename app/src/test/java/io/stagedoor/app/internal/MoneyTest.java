package io.stagedoor.app.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void formatsMinorUnitsWithTheCurrencysDecimals() {
        assertThat(Money.format(1500, "EUR", Locale.UK)).isEqualTo("€15.00");
        assertThat(Money.format(1500, "JPY", Locale.US)).isEqualTo("¥1,500");
        assertThat(Money.format(123456, "EUR", Locale.GERMANY)).isEqualTo("1.234,56\u00a0€");
    }

    @Test
    void readsWhatOrganisersTypeIntoMinorUnits() {
        assertThat(Money.parseMinor("15", "EUR")).isEqualTo(1500);
        assertThat(Money.parseMinor(" 12.5 ", "EUR")).isEqualTo(1250);
        assertThat(Money.parseMinor("12,50", "EUR")).isEqualTo(1250);
        assertThat(Money.parseMinor("1500", "JPY")).isEqualTo(1500);
        assertThatThrownBy(() -> Money.parseMinor("12.555", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parseMinor("-1", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parseMinor("abc", "EUR")).isInstanceOf(IllegalArgumentException.class);
    }
}
