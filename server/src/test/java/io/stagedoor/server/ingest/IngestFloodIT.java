package io.stagedoor.server.ingest;

import static io.stagedoor.server.ingest.LiveIngestIT.get;
import static io.stagedoor.server.ingest.LiveIngestIT.segments;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.live.StreamState;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stranger holds a thousand TCP connections to the RTMP port and fifty RTMP connections that shook hands and send a
 * control message every two seconds, all from the publisher's own address, under the default limits; a real ffmpeg
 * with the event's stream key is let in all the same, within two seconds of connecting, and its stream plays.
 */
class IngestFloodIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(TestDatabase.H2, "--ingest.ladder=");

    private static final int IDLE_CONNECTIONS = 1000;
    private static final int PINGING_PEERS = 50;

    @TempDir
    Path logs;

    @Test
    void aFloodOfConnectionsThatNeverPublishCannotKeepAPublisherOut() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Besieged Bea");
        var event = Organisers.eventOnSale(organiser, "Under siege");
        var endpoint = organiser.streams().endpoint(event.id());
        var ingest = server.server().ingest();
        int port = (int) ingest.rtmpPort().orElseThrow();
        var pattern = Publishers.pattern(640, 360, 6000, 10); // the one IngestResilienceIT makes

        var held = new ArrayList<Socket>();
        var pinging = new ArrayList<Socket>();
        var closedByServer = new CountDownLatch(PINGING_PEERS);
        var pinger = Executors.newSingleThreadScheduledExecutor();
        var readers = Executors.newVirtualThreadPerTaskExecutor();
        // ffmpeg connects through it, so that the time from its connection to the accepted publish can be told.
        var relay = new Relay(port);
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                held.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            for (int i = 0; i < PINGING_PEERS; i++) {
                var peer = new Socket(InetAddress.getLoopbackAddress(), port);
                pinging.add(peer);
                handshake(peer);
                readers.submit(() -> awaitClose(peer, closedByServer));
            }
            pinger.scheduleAtFixedRate(() -> pingAll(pinging), 0, 2, TimeUnit.SECONDS);

            var launched = Instant.now();
            var publisher = Publishers.publish(
                    "rtmp://127.0.0.1:" + relay.port() + "/live/" + endpoint.streamKey(),
                    pattern,
                    logs.resolve("publisher.log"));
            try {
                Eventually.until(
                        () -> "the publisher accepted; it said: " + log("publisher.log"),
                        Duration.ofSeconds(20),
                        () -> organiser.streams().health(event.id()).state() == StreamState.LIVE);
                var accepted = organiser.streams().health(event.id()).connectedAt();
                assertThat(Duration.between(relay.connected().get(10, TimeUnit.SECONDS), accepted))
                        .as(
                                "from ffmpeg's connection to NetStream.Publish.Start (%s after launching ffmpeg)",
                                Duration.between(launched, accepted))
                        .isLessThan(Duration.ofSeconds(2));

                Eventually.until(
                        "segments of the stream", Duration.ofSeconds(20), () -> segmentsOf(organiser, event) >= 2);
                var playlist = get(URI.create(endpoint.previewUrl())
                        .resolve("source/live.m3u8")
                        .toString());
                assertThat(segments(playlist)).isNotEmpty();
                var probed = Publishers.run(
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_entries",
                        "stream=codec_name,width,height",
                        "-of",
                        "csv=p=0",
                        endpoint.previewUrl());
                assertThat(probed).contains("h264,640,360").contains("aac");
            } finally {
                publisher.destroy();
                publisher.waitFor(10, TimeUnit.SECONDS);
            }

            var admission = ingest.admission().orElseThrow();
            assertThat(admission.evictions())
                    .as("the strangers made room for the publisher, oldest first")
                    .isGreaterThanOrEqualTo(IDLE_CONNECTIONS + PINGING_PEERS - 16);
            assertThat(admission.pending()).isLessThanOrEqualTo(16);
            assertThat(closedByServer.await(20, TimeUnit.SECONDS))
                    .as("every pinging peer closed, evicted or at its deadline however often it pinged")
                    .isTrue();
            assertThat(endsFromServer(held.getFirst()))
                    .as("the oldest idle connection")
                    .isTrue();
        } finally {
            relay.close();
            pinger.shutdownNow();
            for (var socket : held) {
                socket.close();
            }
            for (var socket : pinging) {
                socket.close();
            }
            readers.shutdownNow();
        }
    }

    /** Relays one TCP connection from 127.0.0.1 to the RTMP port, and tells when it was accepted. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<Instant> connected = new CompletableFuture<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Relay(int target) throws IOException {
            Thread.ofVirtual().start(() -> {
                try {
                    var publisher = listener.accept();
                    connected.complete(Instant.now());
                    var server = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(publisher);
                    sockets.add(server);
                    Thread.ofVirtual().start(() -> pipe(publisher, server));
                    pipe(server, publisher);
                } catch (IOException e) {
                    connected.completeExceptionally(e);
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        CompletableFuture<Instant> connected() {
            return connected;
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side is gone
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            sockets.forEach(Relay::closeQuietly);
        }
    }

    /** The plain RTMP handshake: C0 and C1, S0 to S2 read back, C2. */
    private static void handshake(Socket peer) throws IOException {
        peer.setSoTimeout(10_000);
        var out = peer.getOutputStream();
        var hello = new byte[1 + 1536];
        hello[0] = 3;
        out.write(hello);
        out.flush();
        var answer = new byte[1 + 2 * 1536];
        new DataInputStream(peer.getInputStream()).readFully(answer);
        out.write(answer, 1, 1536);
        out.flush();
    }

    /** Window Acknowledgement Size, a control message a peer may send at any time, to every peer still open. */
    private static void pingAll(List<Socket> peers) {
        var message = new byte[] {2, 0, 0, 0, 0, 0, 4, 5, 0, 0, 0, 0, 0, 0x26, 0x25, (byte) 0xa0};
        for (var peer : peers) {
            try {
                OutputStream out = peer.getOutputStream();
                out.write(message);
                out.flush();
            } catch (IOException e) {
                // closed by the server, which is what it should do
            }
        }
    }

    /** Reads until the server closes {@code peer}, then counts down. */
    private static void awaitClose(Socket peer, CountDownLatch closed) {
        try {
            peer.setSoTimeout(0);
            while (peer.getInputStream().read() >= 0) {
                // nothing is expected; read to the end
            }
        } catch (IOException e) {
            // reset by the server, or closed by the test
        }
        closed.countDown();
    }

    private static boolean endsFromServer(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private String log(String name) {
        try {
            return Files.readString(logs.resolve(name));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static long segmentsOf(io.stagedoor.client.StagedoorClient organiser, io.stagedoor.api.events.Event event) {
        return organiser.streams().health(event.id()).renditions().stream()
                .filter(r -> r.name().equals("source"))
                .mapToLong(r -> r.segments())
                .findFirst()
                .orElse(0);
    }
}
