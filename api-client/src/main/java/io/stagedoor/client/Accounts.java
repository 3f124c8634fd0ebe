package io.stagedoor.client;

import io.stagedoor.api.Page;
import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.Invitation;
import io.stagedoor.api.accounts.InvitationDraft;
import io.stagedoor.api.accounts.IssuedInvitation;
import io.stagedoor.api.accounts.PlatformSettings;
import io.stagedoor.api.accounts.Session;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/** Accounts, sessions, sign-up approvals and invitations, and platform settings. Obtain through {@link StagedoorClient#accounts()}. */
public final class Accounts {

    private final Transport transport;
    private final BearerToken token;

    Accounts(Transport transport, BearerToken token) {
        this.transport = transport;
        this.token = token;
    }

    /**
     * {@code POST /api/v1/accounts}. On a server that approves new accounts the answer's status is
     * {@link io.stagedoor.api.accounts.AccountStatus#PENDING}: signing in waits for an administrator's approval.
     */
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

    /** {@code GET /api/v1/accounts/pending?page=&size=} (administrator): sign-ups waiting for approval, oldest first. */
    public Page<Account> pending(int page, int size) {
        return transport
                .call("GET", "accounts", "pending")
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<Account>>() {});
    }

    /** {@code POST /api/v1/accounts/{accountId}/approve} (administrator): the account may sign in from now on. */
    public Account approve(UUID accountId) {
        return transport
                .call("POST", "accounts", accountId.toString(), "approve")
                .send(Account.class);
    }

    /** {@code POST /api/v1/accounts/{accountId}/reject} (administrator): the waiting sign-up is deleted. */
    public void reject(UUID accountId) {
        transport.call("POST", "accounts", accountId.toString(), "reject").sendExpectingNothing();
    }

    /** {@code POST /api/v1/invitations} (administrator): the answer holds the code, shown this once. */
    public IssuedInvitation createInvitation(InvitationDraft draft) {
        return transport.call("POST", "invitations").json(draft).send(IssuedInvitation.class);
    }

    /** {@code GET /api/v1/invitations?page=&size=} (administrator): every invitation, newest first. */
    public Page<Invitation> invitations(int page, int size) {
        return transport
                .call("GET", "invitations")
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<Invitation>>() {});
    }

    /** {@code DELETE /api/v1/invitations/{invitationId}} (administrator): the code stops working. */
    public void revokeInvitation(UUID invitationId) {
        transport.call("DELETE", "invitations", invitationId.toString()).sendExpectingNothing();
    }
}
