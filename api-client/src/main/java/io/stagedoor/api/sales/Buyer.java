package io.stagedoor.api.sales;

import org.jspecify.annotations.Nullable;

/** Who buys: the tickets and their links go to this address. */
public record Buyer(@Nullable String name, @Nullable String email) {}
