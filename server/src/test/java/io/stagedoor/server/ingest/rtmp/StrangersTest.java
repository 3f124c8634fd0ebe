package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.testing.ChunkBytes;
import io.stagedoor.server.ingest.Eventually;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Connections that have not published, over real loopback sockets: they make room for newer ones oldest first, they
 * never count as publishers, and what all connections buffer together is bounded. Other machines are other loopback
 * addresses ({@link ScriptedClient#connectFrom}).
 */
class StrangersTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Admission admission;
    private RtmpServer server;

    private void start(Admission admission) throws IOException {
        this.admission = admission;
        server = RtmpServer.start(
                ServerSocketFactory.getDefault(), "127.0.0.1", 0, RtmpLimits.DEFAULTS, publisher, admission);
        toClose.add(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (var closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    /** A client from {@code address} that has shaken hands: the server runs it, so it has been counted. */
    private ScriptedClient shaken(String address) throws IOException {
        var client = ScriptedClient.connectFrom(address, server.port());
        toClose.add(client);
        client.handshake();
        return client;
    }

    private static boolean answersConnect(ScriptedClient client) throws IOException {
        return client.connect("live").lastCommand().getFirst().equals("_result");
    }

    @Test
    void theOldestStrangerOfAnAddressAndThenOfAllMakesRoomForANewcomer() throws Exception {
        start(new Admission(4, 4, 2, 64L << 20));
        var a1 = shaken("127.0.0.1");
        var a2 = shaken("127.0.0.1");
        var b1 = shaken("127.0.0.2");

        var a3 = shaken("127.0.0.1");

        assertThat(a1.closedByServerWithin(Duration.ofSeconds(5)))
                .as("the oldest of 127.0.0.1")
                .isTrue();
        assertThat(answersConnect(b1)).as("older, but from elsewhere").isTrue();
        assertThat(answersConnect(a2)).isTrue();

        var c1 = shaken("127.0.0.3");
        var d1 = shaken("127.0.0.4");

        assertThat(a2.closedByServerWithin(Duration.ofSeconds(5)))
                .as("the oldest of all four, when a fifth came")
                .isTrue();
        assertThat(answersConnect(a3)).isTrue();
        assertThat(answersConnect(c1)).isTrue();
        assertThat(answersConnect(d1)).isTrue();
        assertThat(b1.createStream("key")).isEqualTo(1.0);
        assertThat(admission.pending()).isEqualTo(4);
        assertThat(admission.evictions()).isEqualTo(2);
    }

    @Test
    void aFloodFromThePublishersOwnAddressCannotKeepItOut() throws Exception {
        start(new Admission(4, 64, 8, 64L << 20));
        var logged = new ListAppender<ILoggingEvent>();
        var admissionLog = (Logger) LoggerFactory.getLogger(Admission.class);
        admissionLog.addAppender(logged);
        logged.start();
        try {
            var idle = new ArrayList<Socket>();
            for (int i = 0; i < 300; i++) {
                var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                toClose.add(socket);
                idle.add(socket);
            }
            var pinging = new ArrayList<ScriptedClient>();
            for (int i = 0; i < 20; i++) {
                var client = shaken("127.0.0.1");
                client.send(pingRequest(i));
                pinging.add(client);
            }

            try (var good = ScriptedClient.publishing(server.port(), "key")) {
                var session = publisher.nextSession();
                assertThat(session.key).isEqualTo("key");
                good.send(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 0, new byte[] {0x17, 1, 0, 0, 0}));
                assertThat(session.nextMedia().type()).isEqualTo(RtmpMessage.VIDEO);
            }
            assertThat(admission.pending()).isLessThanOrEqualTo(8);
            assertThat(admission.evictions()).isGreaterThanOrEqualTo(300 + 20 - 8);
            assertThat(pinging.getFirst().closedByServerWithin(Duration.ofSeconds(5)))
                    .isTrue();
            assertThat(logged.list)
                    .as("%d evictions in a few lines", admission.evictions())
                    .hasSizeBetween(1, 3)
                    .first()
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .asString()
                    .contains("evicted for a newer one");
        } finally {
            admissionLog.detachAppender(logged);
        }
    }

    @Test
    void publishersAreCountedAgainstTheCapAndStrangersAreNot() throws Exception {
        start(new Admission(2, 64, 64, 64L << 20));
        for (int i = 0; i < 10; i++) {
            answersConnect(shaken("127.0.0.1"));
        }
        var first = ScriptedClient.publishing(server.port(), "one");
        toClose.add(first);
        var second = ScriptedClient.publishing(server.port(), "two");
        toClose.add(second);
        var firstSession = publisher.nextSession();
        publisher.nextSession();
        assertThat(admission.publishers()).isEqualTo(2);
        assertThat(admission.pending()).isEqualTo(10);

        try (var third = ScriptedClient.connect(server.port())) {
            third.handshake();
            third.connect("live");
            third.createStream("three");
            var refusal = third.publish("three").lastCommand();

            @SuppressWarnings("unchecked")
            var info = (Map<String, Object>) refusal.get(3);
            assertThat(info).containsEntry("level", "error").containsEntry("code", "NetStream.Publish.Rejected");
            assertThat(info.get("description").toString()).contains("takes 2 publishers at once");
            assertThat(third.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(publisher.sessions).as("the third publish was never decided").isEmpty();

        first.close();
        assertThat(firstSession.ended.get(5, TimeUnit.SECONDS)).isEqualTo("the publisher closed the connection");
        Eventually.until("a seat is free", Duration.ofSeconds(5), () -> admission.publishers() == 1);
        var fourth = ScriptedClient.publishing(server.port(), "four");
        toClose.add(fourth);
        assertThat(publisher.nextSession().key).isEqualTo("four");
    }

    @Test
    void aConnectionWhoseNextBufferWouldGoPastTheServersBudgetIsClosedAndTheOthersGoOn() throws Exception {
        // Room for A's frame of 1 MB, and for A's part of it beside B's half of its own, but not beside B's whole.
        start(new Admission(4, 64, 64, 1_100_000));
        var a = ScriptedClient.publishing(server.port(), "a");
        toClose.add(a);
        var sessionA = publisher.nextSession();
        var b = ScriptedClient.publishing(server.port(), "b");
        toClose.add(b);
        var sessionB = publisher.nextSession();
        a.chunkSize(64 * 1024);
        b.chunkSize(64 * 1024);
        var frame = new byte[1_000_000];
        frame[0] = 0x27;
        frame[999_999] = 42;

        // A holds 256 KiB in a frame it has sent a fifth of.
        a.raw(chunks(frame, 0, 3 * 64 * 1024));
        Eventually.until("A's frame buffered", Duration.ofSeconds(5), () -> admission.bufferedBytes() == 256 * 1024);
        // B's buffer grows to 512 KiB, then at its ninth chunk to the whole frame: 1.26 MB with A's.
        b.raw(chunks(frame, 0, 9 * 64 * 1024));

        assertThat(sessionB.ended.get(5, TimeUnit.SECONDS))
                .isEqualTo("the server's memory for unfinished messages is used up");
        assertThat(b.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        Eventually.until("B's buffer given back", Duration.ofSeconds(5), () -> admission.bufferedBytes() == 256 * 1024);
        a.raw(continuation(frame, 3 * 64 * 1024));
        var delivered = sessionA.nextMedia();
        assertThat(delivered.payload()).hasSize(1_000_000);
        assertThat(delivered.payload()[999_999]).isEqualTo((byte) 42);
        assertThat(sessionA.ended).isNotDone();
        assertThat(admission.bufferedBytes()).isZero();
    }

    @Test
    void aStrangerMayNotSendALargeMessageNorHoldMuchUnfinished() throws Exception {
        start(new Admission(4, 64, 64, 64L << 20));
        int small = RtmpLimits.DEFAULTS.maxBytesBeforePublish();
        var tooLarge = new ChunkBytes()
                .type0(3, 0, small + 1, RtmpMessage.COMMAND_AMF0, 0)
                .toByteArray();
        var tooMuch = new ChunkBytes();
        for (int csid = 3; csid < 3 + 4; csid++) {
            tooMuch.type0(csid, 0, small / 3, RtmpMessage.COMMAND_AMF0, 0).filler(128, 1);
        }
        for (int round = 0; round < small / 3 / 128; round++) {
            for (int csid = 3; csid < 3 + 4; csid++) {
                tooMuch.type3(csid).filler(128, 1);
            }
        }
        for (var bytes : List.of(tooLarge, tooMuch.toByteArray())) {
            try (var peer = ScriptedClient.connect(server.port())) {
                peer.handshake();
                long started = System.nanoTime();
                try {
                    peer.raw(bytes);
                } catch (IOException e) {
                    // reset by the server before it read everything: what is checked next
                }

                assertThat(peer.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("closed for its bytes, not at its deadline 10 s after the accept")
                        .isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    /** The first {@code count} bytes of {@code frame} as a video message in chunks of 64 KiB, unfinished. */
    private static byte[] chunks(byte[] frame, int from, int count) {
        var bytes = new ChunkBytes().type0(6, 40, frame.length, RtmpMessage.VIDEO, 1);
        for (int offset = from; offset < from + count; offset += 64 * 1024) {
            if (offset > from) {
                bytes.type3(6);
            }
            bytes.bytes(java.util.Arrays.copyOfRange(frame, offset, Math.min(offset + 64 * 1024, frame.length)));
        }
        return bytes.toByteArray();
    }

    /** The rest of {@code frame} from {@code from}, in continuation chunks of 64 KiB. */
    private static byte[] continuation(byte[] frame, int from) {
        var bytes = new ChunkBytes();
        for (int offset = from; offset < frame.length; offset += 64 * 1024) {
            bytes.type3(6)
                    .bytes(java.util.Arrays.copyOfRange(frame, offset, Math.min(offset + 64 * 1024, frame.length)));
        }
        return bytes.toByteArray();
    }

    /** A User Control ping request, which the server answers. */
    static RtmpMessage pingRequest(int stamp) {
        return new RtmpMessage(
                2,
                RtmpMessage.USER_CONTROL,
                0,
                0,
                ByteBuffer.allocate(6).putShort((short) 6).putInt(stamp).array());
    }
}
