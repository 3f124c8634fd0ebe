package io.stagedoor.api.accounts;

import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/v1/sessions}. */
public record SignInRequest(
        @Nullable String email, @Nullable String password) {

    @Override
    public String toString() {
        return "SignInRequest[email=" + email + "]";
    }
}
