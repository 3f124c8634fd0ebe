package io.stagedoor.api.accounts;

/** What an account may do. */
public enum AccountRole {
    /** Manages their own events, ticket sales and streams. */
    ORGANISER,
    /** An organiser who also keeps the platform's settings, such as its fee. */
    ADMIN
}
