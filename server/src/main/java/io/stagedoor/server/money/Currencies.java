package io.stagedoor.server.money;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/** ISO 4217 currencies as tickets are priced in: whole minor units, never a floating-point amount. */
public final class Currencies {

    /** The most one ticket may cost, in major units (100 000.00 EUR, 100 000 JPY). */
    static final long MAX_PRICE_MAJOR = 100_000;

    private Currencies() {}

    /** The currency for a code such as {@code EUR}, if ISO 4217 knows it and it has minor units. */
    public static Optional<Currency> of(String code) {
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return Optional.empty();
        }
        try {
            var currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The highest price accepted for one ticket, in minor units of {@code currency}. */
    public static long maxPriceMinor(Currency currency) {
        long max = MAX_PRICE_MAJOR;
        for (int digit = 0; digit < currency.getDefaultFractionDigits(); digit++) {
            max *= 10;
        }
        return max;
    }

    /** An amount for people to read, e.g. {@code €12.50} or {@code ¥1,200}, in the given locale's style. */
    public static String format(long minor, String currencyCode, Locale locale) {
        var currency = Currency.getInstance(currencyCode);
        var format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()));
    }
}
