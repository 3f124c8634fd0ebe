package io.stagedoor.api.accounts;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the whole platform, kept by its administrator.
 *
 * @param feeBasisPoints the platform fee on each paid order, in hundredths of a percent (1100 = 11 %); each
 *     order keeps the rate it was paid at
 */
public record PlatformSettings(@Nullable Integer feeBasisPoints) {}
