package io.stagedoor.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.mail.MailMessage;
import io.stagedoor.api.mail.MailStatus;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.config.SmtpConfig;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ticket e-mail through a real SMTP server (GreenMail) that goes away for a day, that refuses a recipient, and that
 * two workers and an organiser's retries race to: every message arrives once, and what cannot be delivered is shown to
 * its organiser, and only to them, with the reason and a retry. The server's clock is the test's.
 */
class MailDeliveryIT {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private GreenMail smtp;
    private StagedoorServer server;
    private StagedoorClient organiser;

    @AfterEach
    void stop() throws Exception {
        for (var closeable : toClose.reversed()) {
            closeable.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private GreenMail startSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private void startServer(TestDatabase database, int smtpPort) {
        server = StagedoorServer.start(
                database.config(
                        dataDir,
                        "--mail.smtp.host=127.0.0.1",
                        "--mail.smtp.port=" + smtpPort,
                        "--mail.smtp.security=none",
                        "--mail.from=Gala Tickets <tickets@gala.example.org>"),
                clock);
        toClose.add(server);
        organiser = Organisers.signedIn(server.baseUri(), "Mail Organiser");
        toClose.add(organiser);
    }

    private UUID eventOnSale(StagedoorClient organiser, String title) {
        var event = organiser
                .events()
                .create(new EventDraft(title, "", clock.instant().plus(10, ChronoUnit.DAYS), "UTC", 60, null, null));
        organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft("Seat", 900L, "EUR", 500, null, null, new TicketAccess(true, 0, false, 0)));
        organiser.events().publish(event.id());
        return event.id();
    }

    private void buy(UUID eventId, String email) {
        var type = organiser.ticketTypes().list(eventId).getFirst();
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    eventId,
                                    new Buyer("Buyer", email),
                                    List.of(new CheckoutItem(type.id(), 1)),
                                    null,
                                    new PaymentChoice("test", "4242424242424242")),
                            null);
        }
    }

    private List<MailMessage> mail(UUID eventId, MailStatus status) {
        return organiser.mail().list(eventId, status, 1, 200).items();
    }

    private List<String> receivedBy() throws Exception {
        var recipients = new ArrayList<String>();
        for (var message : smtp.getReceivedMessages()) {
            recipients.add(message.getAllRecipients()[0].toString());
        }
        return recipients;
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ApiProblemException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected the server to refuse");
    }

    @Test
    void aDayLongSmtpOutageDeliversEveryMessageOnceWhenItEnds() throws Exception {
        int port = freePort();
        startServer(TestDatabase.H2, port); // nothing listens there: the outage has begun
        var event = eventOnSale(organiser, "Outage Night");
        var buyers = List.of("ana@example.org", "ben@example.org", "cleo@example.org", "dev@example.org");
        for (var buyer : buyers) {
            buy(event, buyer);
        }

        for (var elapsed = Duration.ZERO;
                elapsed.compareTo(Duration.ofDays(1)) < 0;
                elapsed = elapsed.plusMinutes(15)) {
            clock.advance(Duration.ofMinutes(15));
            server.deliverMailNow();
        }
        var waiting = mail(event, null);
        assertThat(waiting).hasSize(buyers.size()).allSatisfy(message -> {
            assertThat(message.status()).isEqualTo(MailStatus.PENDING);
            assertThat(message.attempts()).as("tried all day").isGreaterThan(10);
            assertThat(message.lastError()).isEqualTo("Could not reach the mail server, or lost the connection to it.");
            assertThat(message.nextAttemptAt())
                    .as("never more than the longest wait away")
                    .isBeforeOrEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        });
        assertThat(mail(event, MailStatus.FAILED))
                .as("nothing given up on after a day")
                .isEmpty();

        startSmtp(port);
        clock.advance(Duration.ofMinutes(5));
        server.deliverMailNow();
        assertThat(smtp.waitForIncomingEmail(10_000, buyers.size())).isTrue();
        assertThat(mail(event, MailStatus.SENT))
                .hasSize(buyers.size())
                .allSatisfy(message -> assertThat(message.lastError()).isNull());

        clock.advance(Duration.ofDays(1));
        server.deliverMailNow();
        Thread.sleep(1500); // the background round too
        assertThat(receivedBy()).as("each message once").containsExactlyInAnyOrderElementsOf(buyers);
        var ids = Arrays.stream(smtp.getReceivedMessages())
                .map(MailDeliveryIT::messageId)
                .toList();
        assertThat(ids)
                .as("Message-IDs made from the outbox ids")
                .containsExactlyInAnyOrderElementsOf(mail(event, null).stream()
                        .map(m -> "<" + m.id() + "@gala.example.org>")
                        .toList());
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefusedRecipientFailsAtOnceWithItsReasonAndOnlyItsOrganiserSeesAndRetriesIt() throws Exception {
        int port = freePort();
        startSmtp(port);
        var relay = new RefusingRelay(port);
        toClose.add(relay);
        relay.refuse("nobody@gone.example.org");
        startServer(TestDatabase.H2, relay.port());
        var event = eventOnSale(organiser, "Refusal Night");
        buy(event, "nobody@gone.example.org");
        buy(event, "ada@example.org");

        server.deliverMailNow();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        var failed = mail(event, MailStatus.FAILED);
        assertThat(failed).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("nobody@gone.example.org");
            assertThat(message.subject()).isEqualTo("Your tickets: Refusal Night");
            assertThat(message.attempts()).isEqualTo(1);
            assertThat(message.lastError())
                    .isEqualTo("The mail server refused the address nobody@gone.example.org: 550 5.1.1"
                            + " <nobody@gone.example.org>: Recipient address rejected: User unknown");
            assertThat(message.nextAttemptAt()).as("not retried by itself").isNull();
        });
        var messageId = failed.getFirst().id();
        var asQueried = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(server.baseUri() + "api/v1/events/" + event + "/mail?status=failed"))
                                .header("Authorization", "Bearer " + organiser.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(asQueried.statusCode()).isEqualTo(200);
        assertThat(asQueried.body()).contains(messageId.toString()).contains("\"total\":1");

        clock.advance(Duration.ofDays(1));
        server.deliverMailNow();
        assertThat(mail(event, MailStatus.FAILED))
                .singleElement()
                .satisfies(message -> assertThat(message.attempts()).isEqualTo(1));
        assertThat(receivedBy()).containsExactly("ada@example.org");

        try (var bob = Organisers.signedIn(server.baseUri(), "Other Organiser")) {
            var bobsEvent = eventOnSale(bob, "Bob's Night");
            assertThat(refusal(() -> bob.mail().list(event, null, 1, 10)).status())
                    .isEqualTo(404);
            assertThat(refusal(() -> bob.mail().retry(event, messageId)).status())
                    .isEqualTo(404);
            assertThat(refusal(() -> bob.mail().retry(bobsEvent, messageId)).status())
                    .as("another event's message through one's own event")
                    .isEqualTo(404);
            assertThat(bob.mail().list(bobsEvent, null, 1, 10).items()).isEmpty();
        }
        assertThat(mail(event, MailStatus.FAILED))
                .as("unchanged by the other organiser")
                .hasSize(1);

        relay.accept("nobody@gone.example.org"); // the buyer's mailbox exists now
        var retried = organiser.mail().retry(event, messageId);
        assertThat(retried.status()).isEqualTo(MailStatus.PENDING);
        assertThat(retried.nextAttemptAt()).isEqualTo(clock.instant());
        server.deliverMailNow();
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(organiser.mail().list(event, null, 1, 10).items())
                .filteredOn(message -> message.id().equals(messageId))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.status()).isEqualTo(MailStatus.SENT);
                    assertThat(message.attempts()).isEqualTo(2);
                    assertThat(message.lastError()).isNull();
                });
        var again = refusal(() -> organiser.mail().retry(event, messageId));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().detail()).contains("already sent");
        Thread.sleep(1500); // the background round too
        assertThat(receivedBy()).containsExactlyInAnyOrder("ada@example.org", "nobody@gone.example.org");
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.class)
    void twoWorkersAndRetriesRacingSendEachMessageOnce(TestDatabase database) throws Exception {
        int port = freePort();
        startServer(database, port); // down while the orders come in, so that the mail waits for it
        var event = eventOnSale(organiser, "Race Night");
        var buyers = new ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            buyers.add("racer" + i + "@example.org");
            buy(event, buyers.getLast());
        }
        var ids = mail(event, null).stream().map(MailMessage::id).toList();

        // A second worker on the same database, as on a second server node.
        var config = server.config();
        var db = config.database();
        var second = new OutboxWorker(
                Jdbi.create(db.url(), db.user(), db.password()),
                clock,
                new SmtpTransport(
                        new SmtpConfig("127.0.0.1", port, SmtpConfig.Security.NONE, "", ""),
                        config.mail().from()),
                config.mail(),
                Duration.ofSeconds(1));
        toClose.add(second);
        var racers = new ArrayList<Future<?>>();
        try (var threads = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                int racer = t;
                racers.add(threads.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (mail(event, MailStatus.SENT).size() < ids.size() && System.nanoTime() < deadline) {
                        switch (racer % 3) {
                            case 0 -> server.deliverMailNow();
                            case 1 -> second.deliverDue();
                            default -> {
                                var id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                                try {
                                    organiser.mail().retry(event, id);
                                } catch (ApiProblemException e) {
                                    assertThat(e.status())
                                            .as(e.problem().detail())
                                            .isEqualTo(409);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            // The mail server comes back while both workers, the background round and the retries are at it, and
            // every message is due at once.
            Thread.sleep(300);
            startSmtp(port);
            clock.advance(Duration.ofMinutes(5));
            for (var racer : racers) {
                racer.get(90, TimeUnit.SECONDS);
            }
        }
        assertThat(mail(event, MailStatus.SENT)).hasSize(ids.size());
        Thread.sleep(1500); // and the background round
        assertThat(receivedBy()).as("each message once").containsExactlyInAnyOrderElementsOf(buyers);
    }
}
