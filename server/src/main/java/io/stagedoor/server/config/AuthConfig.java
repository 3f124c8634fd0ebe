package io.stagedoor.server.config;

import java.time.Duration;
import java.util.Set;

/**
 * Accounts: who may sign up, who administers the platform, and the limits that keep password guessing and sign-up
 * floods from hurting the server.
 *
 * @param sessionTtl how long a sign-in lasts
 * @param adminEmails accounts that are platform administrators; empty for "the first account" (on a server reachable
 *     from other machines: the account made with the setup code)
 * @param registration who may make a new account
 */
public record AuthConfig(
        Duration sessionTtl,
        Set<String> adminEmails,
        Registration registration,
        Hashing hashing,
        SignInLimits signIn,
        SignUpLimits signUp) {

    public AuthConfig {
        adminEmails = Set.copyOf(adminEmails);
    }

    /** Who may make a new account; the first administrator may always be made. */
    public enum Registration {
        /** Anyone; the account works at once. */
        OPEN,
        /** Anyone, but the account waits until an administrator approves it. */
        APPROVAL,
        /** Only with a single-use invitation an administrator made. */
        INVITE,
        /** Nobody. */
        CLOSED
    }

    /**
     * Password hashes (19 MiB and a processor each) computed at once, and how long a request waits for its turn before
     * it is told to come back (429): memory for hashing stays below {@code permits} × 19 MiB whatever arrives, and the
     * processors beyond {@code permits} stay free for everything else.
     */
    public record Hashing(int permits, Duration maxWait) {}

    /**
     * Failed sign-ins allowed within {@code window}: from one client address (IPv6: its /64) to any account, from one
     * address to one account, and to one account from all the addresses that never signed in to it, which cannot
     * lock its owner out where they signed in before.
     */
    public record SignInLimits(int perAddress, int perAccountAndAddress, int perAccount, Duration window) {}

    /** Sign-ups allowed within {@code window}: from one client address, and from everyone together. */
    public record SignUpLimits(int perAddress, int total, Duration window) {}
}
