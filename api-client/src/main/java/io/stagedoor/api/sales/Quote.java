package io.stagedoor.api.sales;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a basket costs, computed by the server; amounts in minor units of {@code currency}. */
public record Quote(
        String currency,
        List<QuoteLine> lines,
        long subtotalMinor,
        long discountMinor,
        long totalMinor,
        @Nullable String promoCode) {}
