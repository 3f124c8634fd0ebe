package io.stagedoor.api.mail;

/** Where an outgoing e-mail stands. */
public enum MailStatus {
    /** Waiting for its first or next attempt; {@link MailMessage#nextAttemptAt()} says when. */
    PENDING,
    /** Being handed to the mail server now. */
    SENDING,
    /** Accepted by the mail server. */
    SENT,
    /**
     * Not delivered: the mail server refused it for good, or it could not be delivered for days. {@link
     * MailMessage#lastError()} says why; it may be retried.
     */
    FAILED,
    /** Kept on the server's local outbox page, as no mail server is configured. */
    KEPT
}
