package io.stagedoor.server.mail;

import io.stagedoor.server.config.SmtpConfig;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Delivers through an SMTP server with Jakarta Mail (Angus Mail): a plain-text and an HTML alternative, and the
 * attachment beside them. Connections time out rather than hang the worker.
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
    public void deliver(StoredMessage message) throws MessagingException {
        var mime = new MimeMessage(session);
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
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
        if (config.user().isEmpty()) {
            Transport.send(mime);
        } else {
            Transport.send(mime, config.user(), config.password());
        }
    }

    @Override
    public boolean keepsMessages() {
        return false;
    }
}
