package io.stagedoor.server.accounts;

import io.stagedoor.api.accounts.AccountRole;
import java.util.UUID;

/** Who is calling: the signed-in account behind a request's bearer token. */
public record Caller(UUID accountId, String email, AccountRole role, UUID sessionId) {

    public boolean isAdmin() {
        return role == AccountRole.ADMIN;
    }
}
