package io.stagedoor.api.accounts;

/** Where an invitation stands. */
public enum InvitationState {
    /** May be used to sign up, once. */
    OPEN,
    /** An account was made with it. */
    USED,
    /** Not used in time. */
    EXPIRED,
    /** Withdrawn by an administrator before it was used. */
    REVOKED
}
