package io.stagedoor.server.mail;

import io.stagedoor.server.config.SmtpConfig;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Delivers through an SMTP server with Jakarta Mail (Angus Mail): a plain-text and an HTML alternative, and the
 * attachment beside them. Connections time out rather than hang the worker. Each message's {@code Message-ID} is made
 * from its outbox id, so that a message sent twice (see {@link OutboxWorker}) is recognisably the same message.
 *
 * <p>Failures are sorted by what the server said: a 5xx reply to the recipient or to the message refuses that message
 * for good; a 4xx reply to it defers it; a server that cannot be reached, closes (421), refuses our sign-in or our
 * sender is unavailable for every message. The reasons are written for the organiser, without the server's address.
 */
public final class SmtpTransport implements MailTransport {

    private final SmtpConfig config;
    private final InternetAddress from;
    private final Session session;

    public SmtpTransport(SmtpConfig config, String from) {
        this.config = config;
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("mail.from is not an e-mail address: " + from, e);
        }
        var properties = new Properties();
        properties.put("mail.smtp.host", config.host());
        properties.put("mail.smtp.port", String.valueOf(config.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
        properties.put("mail.smtp.auth", String.valueOf(!config.user().isEmpty()));
        switch (config.security()) {
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> properties.put("mail.smtp.ssl.enable", "true");
            case NONE -> {
                // plain connection, for a relay on the same host or network
            }
        }
        this.session = Session.getInstance(properties);
    }

    @Override
    public void deliver(StoredMessage message) throws DeliveryException {
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(message.recipient(), true);
        } catch (AddressException e) {
            throw new DeliveryException.Refused("\"" + message.recipient() + "\" is not an e-mail address.", e);
        }
        try {
            send(mime(message, recipient));
        } catch (MessagingException e) {
            throw classify(e, message.recipient());
        }
    }

    private MimeMessage mime(StoredMessage message, InternetAddress recipient) throws MessagingException {
        var mime = new IdentifiedMessage(session, messageId(message.id()));
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, recipient);
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());

        var alternatives = new MimeMultipart("alternative");
        var text = new MimeBodyPart();
        text.setText(message.text(), StandardCharsets.UTF_8.name());
        alternatives.addBodyPart(text);
        var html = new MimeBodyPart();
        html.setContent(message.html(), "text/html; charset=UTF-8");
        alternatives.addBodyPart(html);

        var attachment = message.attachment();
        if (attachment == null) {
            mime.setContent(alternatives);
        } else {
            var mixed = new MimeMultipart("mixed");
            var body = new MimeBodyPart();
            body.setContent(alternatives);
            mixed.addBodyPart(body);
            var file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    attachment.content().getBytes(StandardCharsets.UTF_8), attachment.contentType())));
            file.setFileName(attachment.fileName());
            mixed.addBodyPart(file);
            mime.setContent(mixed);
        }
        mime.saveChanges();
        return mime;
    }

    private void send(MimeMessage mime) throws MessagingException {
        if (config.user().isEmpty()) {
            Transport.send(mime);
        } else {
            Transport.send(mime, config.user(), config.password());
        }
    }

    private String messageId(UUID id) {
        var address = from.getAddress();
        var domain = address.substring(address.lastIndexOf('@') + 1);
        return "<" + id + "@" + (domain.isBlank() ? "stagedoor" : domain) + ">";
    }

    /** What a failure means for this message and the others, in words for the organiser. */
    static DeliveryException classify(MessagingException e, String recipient) {
        var chain = chain(e);
        for (var failure : chain) {
            if (failure instanceof SMTPAddressFailedException refused) {
                var reply = reply(refused.getMessage());
                return switch (refused.getReturnCode() / 100) {
                    case 5 ->
                        new DeliveryException.Refused(
                                "The mail server refused the address " + recipient + ": " + reply, e);
                    default ->
                        refused.getReturnCode() == 421
                                ? unavailable(reply, e)
                                : new DeliveryException.Deferred(
                                        "The mail server could not take mail for " + recipient + " yet: " + reply, e);
                };
            }
        }
        for (var failure : chain) {
            if (failure instanceof SMTPSendFailedException rejected && rejected.getReturnCode() > 0) {
                var reply = reply(rejected.getMessage());
                var command = rejected.getCommand() == null ? "" : rejected.getCommand();
                if (command.startsWith("MAIL")) {
                    return new DeliveryException.Unavailable(
                            "The mail server refused the platform's sender address: " + reply
                                    + " The platform administrator must correct mail.from.",
                            e);
                }
                if (rejected.getReturnCode() == 421) {
                    return unavailable(reply, e);
                }
                return rejected.getReturnCode() / 100 == 5
                        ? new DeliveryException.Refused("The mail server refused the message: " + reply, e)
                        : new DeliveryException.Deferred("The mail server could not take the message yet: " + reply, e);
            }
        }
        for (var failure : chain) {
            if (failure instanceof AuthenticationFailedException) {
                return new DeliveryException.Unavailable(
                        "The mail server refused the platform's sign-in. The platform administrator must correct"
                                + " mail.smtp.user and mail.smtp.password.",
                        e);
            }
            if (failure instanceof MailConnectException || failure instanceof IOException) {
                return new DeliveryException.Unavailable(
                        "Could not reach the mail server, or lost the connection to it.", e);
            }
        }
        return new DeliveryException.Deferred(
                "The mail server did not take the message: " + reply(String.valueOf(e.getMessage())), e);
    }

    private static DeliveryException unavailable(String reply, MessagingException e) {
        return new DeliveryException.Unavailable("The mail server is not taking mail now: " + reply, e);
    }

    /** The exception, the ones it chains to (Jakarta Mail's next exceptions) and their causes. */
    private static List<Throwable> chain(Throwable e) {
        var chain = new ArrayList<Throwable>();
        var pending = new ArrayList<Throwable>(List.of(e));
        while (!pending.isEmpty() && chain.size() < 20) {
            var next = pending.removeFirst();
            if (chain.contains(next)) {
                continue;
            }
            chain.add(next);
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                pending.add(messaging.getNextException());
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
        }
        return chain;
    }

    /** A server's reply on one line, of a length fit to show. */
    private static String reply(String text) {
        var line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public boolean keepsMessages() {
        return false;
    }

    /** A message whose {@code Message-ID} is ours rather than one Jakarta Mail makes up at each attempt. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
