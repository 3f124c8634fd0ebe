package io.stagedoor.api.accounts;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/accounts}.
 *
 * @param password at least 10 characters
 */
public record SignUpRequest(
        @Nullable String email,
        @Nullable String password,
        @Nullable String name) {

    @Override
    public String toString() {
        return "SignUpRequest[email=" + email + ", name=" + name + "]";
    }
}
