package io.stagedoor.api.accounts;

import java.time.Instant;
import java.util.UUID;

/** An organiser's account. */
public record Account(UUID id, String email, String name, AccountRole role, Instant createdAt) {}
