package io.stagedoor.api.accounts;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/accounts}.
 *
 * @param password at least 10 characters
 * @param invitationCode an invitation an administrator created; needed when the server takes new accounts by
 *     invitation only, and it spares the wait for approval where accounts are approved
 * @param setupCode the one-time code a server reachable from other machines prints in its log while it has no
 *     administrator: the account made with it becomes the administrator
 */
public record SignUpRequest(
        @Nullable String email,
        @Nullable String password,
        @Nullable String name,
        @Nullable String invitationCode,
        @Nullable String setupCode) {

    /** A sign-up without an invitation or a setup code. */
    public SignUpRequest(@Nullable String email, @Nullable String password, @Nullable String name) {
        this(email, password, name, null, null);
    }

    @Override
    public String toString() {
        return "SignUpRequest[email=" + email + ", name=" + name + "]";
    }
}
