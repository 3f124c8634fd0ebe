package io.stagedoor.server.mail;

/**
 * For servers without SMTP (the local default): messages are kept and listed on the outbox page, so that a
 * newcomer can open the links the e-mails would have carried.
 */
public final class LocalOutboxTransport implements MailTransport {

    @Override
    public void deliver(StoredMessage message) {
        // Keeping it is the delivery: the outbox page shows it.
    }

    @Override
    public boolean keepsMessages() {
        return true;
    }
}
