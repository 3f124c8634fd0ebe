package io.stagedoor.api.accounts;

/**
 * A new invitation and its code, the only time the code is shown: hand it to the person invited, who signs up with
 * it as {@code invitationCode}. It works once, until it expires or is revoked.
 */
public record IssuedInvitation(String code, Invitation invitation) {

    @Override
    public String toString() {
        return "IssuedInvitation[invitation=" + invitation + "]";
    }
}
