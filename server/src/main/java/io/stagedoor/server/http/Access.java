package io.stagedoor.server.http;

/** Who may call a route. */
public enum Access {
    /** Anyone, without signing in: buyers, viewers, payment-provider callbacks. */
    PUBLIC,
    /** A signed-in organiser; what they may see is further limited to their own events. */
    SIGNED_IN,
    /** The platform administrator. */
    ADMIN
}
