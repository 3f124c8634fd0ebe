package io.stagedoor.api.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to sign up, as the administrator's list shows it. Its code is shown once, when it is made
 * ({@link IssuedInvitation}); the server keeps only a hash of it.
 *
 * @param usedBy the e-mail address of the account made with it, once used
 */
public record Invitation(
        UUID id,
        String note,
        InvitationState state,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable String usedBy) {}
