package io.stagedoor.app.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Amounts in minor units of an ISO currency, as people read and type them. */
public final class Money {

    private Money() {}

    /** {@code 1500, "EUR"} → {@code €15.00} (in the user's locale). */
    public static String format(long minor, String currency, Locale locale) {
        var unit = Currency.getInstance(currency);
        var format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(unit);
        int digits = Math.max(0, unit.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minor, digits));
    }

    /**
     * {@code "15"}, {@code "15.5"} or {@code "15,50"} in {@code currency} → minor units.
     *
     * @throws IllegalArgumentException when the text is no amount, is negative or has too many decimals
     */
    public static long parseMinor(String text, String currency) {
        var unit = Currency.getInstance(currency);
        int digits = Math.max(0, unit.getDefaultFractionDigits());
        var amount = new BigDecimal(text.strip().replace(',', '.'));
        if (amount.signum() < 0 || amount.scale() > digits) {
            throw new IllegalArgumentException("not an amount in " + currency + ": " + text);
        }
        return amount.movePointRight(digits).longValueExact();
    }
}
