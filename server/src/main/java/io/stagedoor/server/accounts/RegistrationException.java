package io.stagedoor.server.accounts;

import io.stagedoor.server.error.ApiException;
import java.util.List;

/**
 * The server will not make this account, or not let it in yet (403): registration closed, an invitation needed or
 * not valid, a setup code not valid, or an approval still to come. Each is a problem type of its own
 * ({@code urn:stagedoor:problem:registration-closed}, …), so clients can tell them apart without reading the text.
 */
public final class RegistrationException extends ApiException {

    private RegistrationException(String kind, String title, String detail) {
        super(403, kind, title, detail, List.of());
    }

    static RegistrationException closed() {
        return new RegistrationException(
                "registration-closed",
                "Registration closed",
                "This server does not take new accounts. Ask its administrator to make one for you.");
    }

    static RegistrationException invitationRequired() {
        return new RegistrationException(
                "invitation-required",
                "Invitation required",
                "This server takes new accounts by invitation only. Ask its administrator for an invitation code,"
                        + " then sign up with it.");
    }

    static RegistrationException invitationInvalid(String why) {
        return new RegistrationException(
                "invitation-invalid",
                "Invitation not valid",
                why + " Ask the server's administrator for a new invitation.");
    }

    static RegistrationException setupCodeInvalid(String detail) {
        return new RegistrationException("setup-code-invalid", "Setup code not valid", detail);
    }

    static RegistrationException approvalPending() {
        return new RegistrationException(
                "approval-pending",
                "Waiting for approval",
                "This account waits for the server's administrator to approve it. You can sign in once they have.");
    }
}
