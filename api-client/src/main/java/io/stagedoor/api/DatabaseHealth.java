package io.stagedoor.api;

import org.jspecify.annotations.Nullable;

/**
 * The database part of {@link Health}.
 *
 * @param ok whether a query succeeded just now
 * @param product database product and version, e.g. {@code "H2 2.5.252"}
 * @param schemaVersion the newest applied migration, or null if none was applied
 * @param error why the database is not ok, or null when it is
 */
public record DatabaseHealth(
        boolean ok,
        String product,
        @Nullable String schemaVersion,
        @Nullable String error) {}
