package io.stagedoor.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.server.config.SmtpConfig;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** What each of the SMTP server's answers means for the message and for the others, as Angus Mail reports them. */
class SmtpTransportTest {

    private static final String RECIPIENT = "ada@example.org";
    private static final Address[] NONE = new Address[0];

    private static DeliveryException classify(MessagingException e) {
        return SmtpTransport.classify(e, RECIPIENT);
    }

    /** As Angus Mail reports a refused RCPT TO: "Invalid Addresses", with the server's reply chained. */
    private static SendFailedException recipientRefused(int code, String reply) throws Exception {
        var e = new SendFailedException("Invalid Addresses");
        e.setNextException(new SMTPAddressFailedException(
                new InternetAddress(RECIPIENT), "RCPT TO:<" + RECIPIENT + ">", code, reply + "\n"));
        return e;
    }

    @Test
    void aPermanentlyRefusedRecipientRefusesTheMessageInTheServersWords() throws Exception {
        var failure = classify(recipientRefused(550, "550 5.1.1 <ada@example.org>: Recipient address rejected"));
        assertThat(failure).isInstanceOf(DeliveryException.Refused.class);
        assertThat(failure.reason())
                .isEqualTo("The mail server refused the address ada@example.org:"
                        + " 550 5.1.1 <ada@example.org>: Recipient address rejected");
    }

    @Test
    void aRecipientTheServerCannotTakeYetDefersTheMessageAndAClosingServerAll() throws Exception {
        assertThat(classify(recipientRefused(450, "450 4.2.1 Mailbox busy")))
                .isInstanceOf(DeliveryException.Deferred.class)
                .hasMessageContaining("could not take mail for ada@example.org yet: 450 4.2.1 Mailbox busy");
        assertThat(classify(recipientRefused(421, "421 4.3.2 Shutting down")))
                .isInstanceOf(DeliveryException.Unavailable.class);
    }

    @Test
    void aRefusedMessageBodyIsRefusedButARefusedSenderConcernsEveryMessage() {
        assertThat(classify(new SMTPSendFailedException(
                        ".", 554, "554 5.7.1 Message rejected as spam", null, NONE, NONE, NONE)))
                .isInstanceOf(DeliveryException.Refused.class)
                .hasMessage("The mail server refused the message: 554 5.7.1 Message rejected as spam");
        assertThat(classify(new SMTPSendFailedException(
                        ".", 452, "452 4.3.1 Insufficient storage", null, NONE, NONE, NONE)))
                .isInstanceOf(DeliveryException.Deferred.class);
        assertThat(classify(new SMTPSendFailedException(
                        "MAIL FROM:<tickets@example.org>",
                        553,
                        "553 5.7.1 Sender address rejected: not owned by user",
                        null,
                        NONE,
                        NONE,
                        NONE)))
                .isInstanceOf(DeliveryException.Unavailable.class)
                .hasMessageContaining("sender address")
                .hasMessageContaining("mail.from");
    }

    @Test
    void anUnreachableServerOrARefusedSignInConcernsEveryMessageAndNamesNoServer() {
        var unreachable = classify(new MessagingException(
                "Couldn't connect to host, port: smtp.internal.example, 587; timeout 10000",
                new ConnectException("Connection refused")));
        assertThat(unreachable).isInstanceOf(DeliveryException.Unavailable.class);
        assertThat(unreachable.reason()).doesNotContain("smtp.internal");

        assertThat(classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")))
                .isInstanceOf(DeliveryException.Unavailable.class)
                .hasMessageContaining("sign-in");
        assertThat(classify(new MessagingException("Something unforeseen")))
                .isInstanceOf(DeliveryException.Deferred.class);
    }

    @Test
    void aRecipientThatIsNoAddressIsRefusedWithoutAskingAnyServer() {
        var transport = new SmtpTransport(
                new SmtpConfig("smtp.invalid", 25, SmtpConfig.Security.NONE, "", ""), "Tickets <tickets@example.org>");
        var message = new StoredMessage(
                UUID.randomUUID(),
                "tickets",
                "ada at example",
                "Your tickets",
                "Hi",
                "<p>Hi</p>",
                null,
                0,
                Instant.now());
        assertThatThrownBy(() -> transport.deliver(message))
                .isInstanceOf(DeliveryException.Refused.class)
                .hasMessage("\"ada at example\" is not an e-mail address.");
    }
}
