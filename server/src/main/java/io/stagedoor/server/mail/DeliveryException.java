package io.stagedoor.server.mail;

/**
 * Why a {@link MailTransport} did not deliver a message, and so what the outbox does next. The message says it in
 * words an organiser can act on; it is what the organiser sees beside the message. The cause keeps the technical
 * detail, for the log.
 */
public abstract sealed class DeliveryException extends Exception
        permits DeliveryException.Refused, DeliveryException.Deferred, DeliveryException.Unavailable {

    private DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** In words, for the organiser. */
    public String reason() {
        return getMessage();
    }

    /**
     * The mail server refused this message for good (an SMTP 5xx reply, such as an unknown recipient), or it cannot
     * be sent at all (an address that is not one). Trying again as it is would fail again: it is marked failed at
     * once, for the organiser to correct and retry.
     */
    public static final class Refused extends DeliveryException {
        public Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** This message could not be delivered now (an SMTP 4xx reply to it); it is tried again later. */
    public static final class Deferred extends DeliveryException {
        public Deferred(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * The mail server cannot take any message now (unreachable, closing, refusing our sign-in or our sender): this
     * message is tried again later, and the others wait rather than try a server that is down.
     */
    public static final class Unavailable extends DeliveryException {
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
