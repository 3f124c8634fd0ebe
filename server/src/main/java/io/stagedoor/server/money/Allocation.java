package io.stagedoor.server.money;

/**
 * Splits an amount of minor units over parts in proportion to their weights so that the shares add up exactly:
 * each part first gets the floor of its exact share, then the units left over go one each to the parts with the
 * largest remainders (earlier parts first on ties). No part gets more than its weight while the amount does not
 * exceed the total weight.
 */
public final class Allocation {

    private Allocation() {}

    public static long[] proportional(long amount, long[] weights) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        var shares = new long[weights.length];
        long total = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            total = Math.addExact(total, weight);
        }
        if (total == 0 || amount == 0) {
            return shares;
        }
        var remainders = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            // amount × weight can exceed a long for absurd inputs only; multiplyHigh-free check keeps it exact.
            long product = Math.multiplyExact(amount, weights[i]);
            shares[i] = product / total;
            remainders[i] = product % total;
            given += shares[i];
        }
        for (long left = amount - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (remainders[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = 0;
        }
        return shares;
    }
}
