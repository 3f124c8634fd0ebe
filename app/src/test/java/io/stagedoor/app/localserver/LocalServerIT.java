package io.stagedoor.app.localserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.Organisers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerIT {

    @TempDir
    Path dataDir;

    @Test
    void listensOnLoopbackAndMovesToAFreePortWhenItsOwnIsTaken() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var local = LocalServer.start(
                        List.of("--http-port=" + taken.getLocalPort(), "--ingest-port=0", "--data-dir=" + dataDir));
                var client = StagedoorClient.builder(local.baseUri()).build()) {
            assertThat(local.baseUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(local.baseUri().getPort()).isNotEqualTo(taken.getLocalPort());
            assertThat(local.notice())
                    .hasValue("Port " + taken.getLocalPort() + " was in use, so the local server listens on port "
                            + local.baseUri().getPort() + " instead.");
            assertThat(local.dataDir()).isEqualTo(dataDir);
            assertThat(client.health().isOk()).isTrue();
        }
    }

    @Test
    void takesPublishersOnAFreePortWhenTheRtmpPortIsTaken() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var local = LocalServer.start(
                        List.of("--http-port=0", "--ingest-port=" + taken.getLocalPort(), "--data-dir=" + dataDir))) {
            var port = local.rtmpPort();
            assertThat(port).isPositive().isNotEqualTo(taken.getLocalPort());
            assertThat(local.notice())
                    .hasValue("Port " + taken.getLocalPort() + " was in use, so the local server takes publishers on"
                            + " port " + port + " instead.");
        }
    }

    @Test
    void offersTheTestCardForTryingThingsOutUnlessTheFlagsTurnItOff() throws Exception {
        try (var local = LocalServer.start(List.of("--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir))) {
            assertThat(buyWithTheTestCard(local).receipt().status()).isEqualTo(OrderStatus.PAID);
        }
        // A server of its own: on the first one's data, a second organiser would wait for the owner's approval.
        try (var local = LocalServer.start(List.of(
                "--http-port=0",
                "--ingest-port=0",
                "--data-dir=" + dataDir.resolve("without-test-card"),
                "--payments.test.enabled=false"))) {
            assertThatThrownBy(() -> buyWithTheTestCard(local))
                    .isInstanceOfSatisfying(
                            ApiProblemException.class,
                            e -> assertThat(e.problem().errors())
                                    .extracting(FieldError::field)
                                    .containsExactly("payment.provider"));
        }
    }

    private static CheckoutResult buyWithTheTestCard(LocalServer local) {
        try (var organiser = Organisers.signedIn(local.baseUri(), "Local Organiser");
                var buyer = StagedoorClient.builder(local.baseUri()).build()) {
            var event = Organisers.eventOnSale(organiser, "Try-out");
            var ticketType = organiser.ticketTypes().list(event.id()).getFirst();
            return buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    event.id(),
                                    new Buyer("Ada Lovelace", "ada@example.org"),
                                    List.of(new CheckoutItem(ticketType.id(), 1)),
                                    null,
                                    new PaymentChoice("test", "4242 4242 4242 4242")),
                            null);
        }
    }

    @Test
    void aFreePortNeedsNoNotice() {
        try (var local = LocalServer.start(List.of("--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir))) {
            assertThat(local.notice()).isEmpty();
        }
    }
}
