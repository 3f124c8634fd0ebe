package io.stagedoor.api.accounts;

/** Whether an account may sign in yet. */
public enum AccountStatus {
    /** Signs in and works. */
    ACTIVE,
    /** Signed up on a server that approves new accounts; waits for an administrator to approve or reject it. */
    PENDING
}
