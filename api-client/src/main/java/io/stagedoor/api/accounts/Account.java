package io.stagedoor.api.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * An organiser's account.
 *
 * @param status {@link AccountStatus#PENDING} while it waits for an administrator's approval, after a sign-up on a
 *     server that approves new accounts
 */
public record Account(UUID id, String email, String name, AccountRole role, AccountStatus status, Instant createdAt) {}
