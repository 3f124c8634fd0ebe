package io.stagedoor.client;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.PlatformSettings;
import io.stagedoor.api.accounts.Session;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;

/** Accounts, sessions and platform settings. Obtain through {@link StagedoorClient#accounts()}. */
public final class Accounts {

    private final Transport transport;
    private final BearerToken token;

    Accounts(Transport transport, BearerToken token) {
        this.transport = transport;
        this.token = token;
    }

    /** {@code POST /api/v1/accounts}. */
    public Account signUp(SignUpRequest request) {
        return transport.call("POST", "accounts").json(request).send(Account.class);
    }

    /** {@code POST /api/v1/sessions}; this client then sends the new token with every request. */
    public Session signIn(SignInRequest request) {
        var session = transport.call("POST", "sessions").json(request).send(Session.class);
        token.set(session.token());
        return session;
    }

    /** {@code DELETE /api/v1/sessions/current}; the token stops working and this client forgets it. */
    public void signOut() {
        transport.call("DELETE", "sessions", "current").sendExpectingNothing();
        token.set(null);
    }

    /** {@code GET /api/v1/accounts/me}. */
    public Account me() {
        return transport.call("GET", "accounts", "me").send(Account.class);
    }

    /** {@code GET /api/v1/platform/settings} (administrator). */
    public PlatformSettings platformSettings() {
        return transport.call("GET", "platform", "settings").send(PlatformSettings.class);
    }

    /** {@code PUT /api/v1/platform/settings} (administrator). */
    public PlatformSettings updatePlatformSettings(PlatformSettings settings) {
        return transport.call("PUT", "platform", "settings").json(settings).send(PlatformSettings.class);
    }
}
