package io.stagedoor.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DNS rebinding against a local server: a page on evil.example whose name the attacker makes resolve to 127.0.0.1
 * reaches the server from this machine, but with {@code Host: evil.example}. The local outbox (ticket links) and the
 * metrics answer only to loopback names, or for the metrics to the token.
 */
class LocalPagesIT {

    private static final String TOKEN = "metrics-token-for-the-scraper";

    @RegisterExtension
    static final ServerExtension server =
            new ServerExtension(TestDatabase.H2, "--payments.test.enabled=true", "--metrics.token=" + TOKEN);

    private static String messageLink;

    @BeforeAll
    static void keepATicketEmail() throws IOException {
        try (var organiser = Organisers.signedIn(server.baseUri(), "Rebinding");
                var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            var event = Organisers.eventOnSale(organiser, "Kept Mail");
            var seat = organiser.ticketTypes().list(event.id()).getFirst();
            buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    event.id(),
                                    new Buyer("Vic Tim", "vic@example.org"),
                                    List.of(new CheckoutItem(seat.id(), 1)),
                                    null,
                                    new PaymentChoice("test", "4242424242424242")),
                            null);
        }
        assertThat(server.server().deliverMailNow()).isEqualTo(1);
        var outbox = get("/outbox", "127.0.0.1:" + port());
        var link = Pattern.compile("href=\"(/outbox/[0-9a-f-]{36})\"").matcher(outbox);
        assertThat(link.find()).as(outbox).isTrue();
        messageLink = link.group(1);
    }

    @Test
    void theOutboxAnswersOnlyToLoopbackNames() throws IOException {
        for (var host : List.of("127.0.0.1:" + port(), "localhost:" + port(), "localhost", "[::1]:" + port())) {
            assertThat(get("/outbox", host)).as(host).startsWith("HTTP/1.1 200").contains("Your tickets: Kept Mail");
            assertThat(get(messageLink, host))
                    .as(host)
                    .startsWith("HTTP/1.1 200")
                    .contains("/t/");
        }
        for (var host : List.of(
                "evil.example:" + port(), "evil.example", "localhost.evil.example", "127.0.0.1.nip.io:" + port())) {
            for (var path : List.of("/outbox", messageLink)) {
                var answer = get(path, host);
                assertThat(answer).as(host + path).startsWith("HTTP/1.1 404").doesNotContain("Kept Mail", "/t/");
            }
        }
    }

    @Test
    void metricsAnswerOnlyToLoopbackNamesOrTheToken() throws IOException {
        assertThat(get("/metrics", "localhost:" + port()))
                .startsWith("HTTP/1.1 200")
                .contains("stagedoor_live_streams");
        assertThat(get("/metrics", "evil.example:" + port()))
                .startsWith("HTTP/1.1 404")
                .doesNotContain("stagedoor_live_streams");
        assertThat(get("/metrics", "evil.example:" + port(), "Authorization: Bearer " + TOKEN))
                .as("a scraper elsewhere sends the token, whatever name it uses")
                .startsWith("HTTP/1.1 200")
                .contains("stagedoor_live_streams");
        assertThat(get("/metrics", "evil.example:" + port(), "Authorization: Bearer not-the-token"))
                .startsWith("HTTP/1.1 404");
    }

    private static int port() {
        return server.server().httpPort();
    }

    /** A request with the Host header as given, which Java's HTTP client would not send. */
    private static String get(String path, String host, String... headers) throws IOException {
        try (var socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            var request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (var header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
