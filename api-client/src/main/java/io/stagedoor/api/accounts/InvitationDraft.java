package io.stagedoor.api.accounts;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/invitations}.
 *
 * @param note who it is for, for the administrator's list; up to 200 characters
 * @param validDays how long it may be used, 1 to 90 days; 7 when not given
 */
public record InvitationDraft(
        @Nullable String note, @Nullable Integer validDays) {}
