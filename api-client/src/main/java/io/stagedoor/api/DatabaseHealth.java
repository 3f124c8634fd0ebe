package io.stagedoor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The database part of {@link Health}. Everyone learns whether it answers; the details are only in the platform
 * administrator's answer ({@code GET /api/v1/admin/health}), and left out of the open one.
 *
 * @param ok whether a query succeeded just now
 * @param product database product and version, e.g. {@code "H2 2.5.252"}; for the administrator only
 * @param schemaVersion the newest applied migration; for the administrator only, and null if none was applied
 * @param error why the database is not ok; for the administrator only, and null when it is ok
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DatabaseHealth(
        boolean ok,
        @Nullable String product,
        @Nullable String schemaVersion,
        @Nullable String error) {

    /** Whether the database answers, and nothing more: what anyone may know. */
    public static DatabaseHealth answering(boolean ok) {
        return new DatabaseHealth(ok, null, null, null);
    }
}
