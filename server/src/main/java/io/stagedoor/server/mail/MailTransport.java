package io.stagedoor.server.mail;

/** Where the outbox delivers to: an SMTP server, or the local outbox page. */
public interface MailTransport {

    /** Delivers one message; throws when it could not, so that it is tried again later. */
    void deliver(StoredMessage message) throws Exception;

    /** Whether delivered messages stay readable here (the local outbox) rather than being erased once sent. */
    boolean keepsMessages();
}
