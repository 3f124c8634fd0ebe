package io.stagedoor.server.mail;

/** Where the outbox delivers to: an SMTP server, or the local outbox page. */
public interface MailTransport {

    /**
     * Delivers one message.
     *
     * @throws DeliveryException saying whether to try again, and why in words
     */
    void deliver(StoredMessage message) throws DeliveryException;

    /** Whether delivered messages stay readable here (the local outbox) rather than being erased once sent. */
    boolean keepsMessages();
}
