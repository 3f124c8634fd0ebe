package io.stagedoor.api.accounts;

import java.time.Instant;

/**
 * A signed-in session: send {@code Authorization: Bearer <token>} with every organiser request until
 * {@code expiresAt}, or until signing out.
 */
public record Session(String token, Instant expiresAt, Account account) {

    @Override
    public String toString() {
        return "Session[expiresAt=" + expiresAt + ", account=" + account + "]";
    }
}
