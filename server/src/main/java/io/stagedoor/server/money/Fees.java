package io.stagedoor.server.money;

/**
 * The platform fee on a paid order. The rate is in basis points (1100 = 11 %); the fee is the order's total
 * (after discounts) times the rate, rounded half up to a whole minor unit: 11 % of 1 005 cents is 110.55 cents,
 * so 111 cents. What the organiser keeps, the net, is the total minus the fee. The fee is then split over the
 * order's lines in proportion to their totals ({@link Allocation}) so that per-ticket-type reports add up to the
 * order's figures exactly.
 */
public final class Fees {

    public static final int BASIS_POINTS = 10_000;

    private Fees() {}

    public static long fee(long totalMinor, int feeBasisPoints) {
        if (totalMinor < 0 || feeBasisPoints < 0 || feeBasisPoints > BASIS_POINTS) {
            throw new IllegalArgumentException("total " + totalMinor + " or rate " + feeBasisPoints + " out of range");
        }
        return roundHalfUpDivide(Math.multiplyExact(totalMinor, feeBasisPoints), BASIS_POINTS);
    }

    /** {@code numerator / denominator} for non-negative numbers, halves rounded up. */
    static long roundHalfUpDivide(long numerator, long denominator) {
        return (numerator + denominator / 2) / denominator;
    }
}
