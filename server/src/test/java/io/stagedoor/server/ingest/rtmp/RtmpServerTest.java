package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.rtmp.RtmpProtocolException;
import io.stagedoor.media.testing.ChunkBytes;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The publish flow over a real loopback socket, driven byte by byte by {@link ScriptedClient}. */
class RtmpServerTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final Admission admission = new Admission(50, 50, 50, 1L << 30);
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        server = RtmpServer.start(
                ServerSocketFactory.getDefault(), "127.0.0.1", 0, RtmpLimits.DEFAULTS, publisher, admission);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ScriptedClient client() throws Exception {
        return ScriptedClient.connect(server.port());
    }

    private ScriptedClient publishing() throws Exception {
        return ScriptedClient.publishing(server.port(), "key");
    }

    private static int u32(RtmpMessage message) throws RtmpProtocolException {
        return (int) message.uint32();
    }

    /** The information object of an {@code onStatus}, {@code _result} or {@code _error}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> info(List<@Nullable Object> command) {
        return (Map<String, Object>) command.get(3);
    }

    private static List<@Nullable Object> command(RtmpMessage message) throws IOException {
        return Amf0.decodeAll(message.payload());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FCUnpublish", "deleteStream", "empty-name publish"})
    void aWholePublishFromConnectToStop(String stop) throws Exception {
        RecordingPublisher.Recorded session;
        try (var client = client()) {
            client.handshake();

            var connected = client.connect("live");
            var messages = connected.messages();
            assertThat(messages)
                    .extracting(RtmpMessage::type)
                    .startsWith(
                            RtmpMessage.WINDOW_ACK_SIZE, RtmpMessage.SET_PEER_BANDWIDTH, RtmpMessage.SET_CHUNK_SIZE);
            assertThat(u32(messages.get(0))).isEqualTo(RtmpConnection.WINDOW);
            assertThat(u32(messages.get(1))).isEqualTo(RtmpConnection.WINDOW);
            assertThat(messages.get(1).payload()[4]).as("dynamic limit").isEqualTo((byte) 2);
            assertThat(u32(messages.get(2))).isEqualTo(RtmpConnection.OUR_CHUNK_SIZE);
            var result = connected.lastCommand();
            assertThat(result.subList(0, 2)).containsExactly("_result", 1.0);
            assertThat(info(result))
                    .containsEntry("level", "status")
                    .containsEntry("code", "NetConnection.Connect.Success");

            assertThat(client.createStream("key")).isEqualTo(1.0);

            var published = client.publish("key?token=abc");
            var streamBegin = published.ofType(RtmpMessage.USER_CONTROL).getFirst();
            assertThat(ByteBuffer.wrap(streamBegin.payload()).getShort())
                    .as("Stream Begin")
                    .isZero();
            assertThat(ByteBuffer.wrap(streamBegin.payload()).getInt(2)).isEqualTo(1);
            var status = published.messages().getLast();
            assertThat(status.streamId()).isEqualTo(1);
            assertThat(info(command(status)))
                    .containsEntry("level", "status")
                    .containsEntry("code", "NetStream.Publish.Start");

            session = publisher.nextSession();
            assertThat(session.key).as("the query is not part of the key").isEqualTo("key");
            assertThat(session.client.app()).isEqualTo("live");
            assertThat(session.client.tcUrl()).isEqualTo("rtmp://127.0.0.1/live");
            assertThat(session.client.flashVer()).startsWith("FMLE/3.0");

            var metadata = new LinkedHashMap<String, Object>();
            metadata.put("width", 320.0);
            metadata.put("videocodecid", 7.0);
            client.metadata(metadata);
            client.send(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 0, new byte[] {0x17, 0, 0, 0, 0, 1, 2}));
            client.send(new RtmpMessage(4, RtmpMessage.AUDIO, 1, 0, new byte[] {(byte) 0xaf, 0, 0x12, 0x10}));
            client.send(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 33, new byte[] {0x27, 1, 0, 0, 0, 9}));

            var first = session.nextMedia();
            assertThat(first.type()).isEqualTo(RtmpMessage.VIDEO);
            assertThat(first.payload()).startsWith(0x17, 0);
            assertThat(session.nextMedia().type()).isEqualTo(RtmpMessage.AUDIO);
            assertThat(session.nextMedia().timestamp()).isEqualTo(33);
            assertThat(session.metadata).containsExactly(metadata);

            switch (stop) {
                case "FCUnpublish" -> client.command(0, "FCUnpublish", 6, null, "key");
                case "deleteStream" -> client.command(0, "deleteStream", 6, null, 1.0);
                default -> client.command(1, "publish", 6, null, "", "live");
            }
            assertThat(session.ended.get(5, TimeUnit.SECONDS)).isEqualTo("the publisher stopped");
        }
        ScriptedClient.awaitConnections(server, 0, Duration.ofSeconds(5));
        assertThat(session.endedCalls).as("ended once, not again on disconnect").isEqualTo(1);
        assertThat(publisher.sessions).as("one publish only").isEmpty();
    }

    @Test
    void aConnectionIsAStrangerUntilItsPublishIsAcceptedAndAPublisherUntilItLeaves() throws Exception {
        try (var client = client()) {
            client.handshake();
            client.connect("live");
            client.createStream("key");
            assertThat(admission.pending()).isEqualTo(1);
            assertThat(admission.publishers()).isZero();

            client.publish("key");
            assertThat(admission.pending()).isZero();
            assertThat(admission.publishers()).isEqualTo(1);

            client.command(0, "FCUnpublish", 6, null, "key");
            assertThat(publisher.nextSession().ended.get(5, TimeUnit.SECONDS)).isEqualTo("the publisher stopped");
            assertThat(admission.publishers())
                    .as("it keeps its seat while connected")
                    .isEqualTo(1);
            client.publish("key");
            assertThat(publisher.nextSession().key).as("and may publish again").isEqualTo("key");
        }
        ScriptedClient.awaitConnections(server, 0, Duration.ofSeconds(5));
        assertThat(admission.publishers()).isZero();
        assertThat(admission.pending()).isZero();
        assertThat(admission.bufferedBytes()).isZero();
    }

    @Test
    void aRefusedPublishNeverTakesASeat() throws Exception {
        publisher.refusing("NetStream.Publish.BadName", "No such stream key");
        try (var client = client()) {
            client.handshake();
            client.connect("live");
            client.createStream("wrong");
            client.publish("wrong");

            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        ScriptedClient.awaitConnections(server, 0, Duration.ofSeconds(5));
        assertThat(admission.publishers()).isZero();
        assertThat(admission.pending()).isZero();
    }

    @Test
    void aConnectAsLargeAsAStrangerMaySendIsAnswered() throws Exception {
        try (var peer = ScriptedClient.connect(server.port())) {
            peer.handshake();
            var command = new java.util.LinkedHashMap<String, Object>();
            command.put("app", "live");
            command.put("tcUrl", "rtmp://127.0.0.1/live");
            command.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
            command.put("swfUrl", "x".repeat(RtmpLimits.DEFAULTS.maxBytesBeforePublish() - 200));
            peer.chunkSize(4096);
            peer.command(0, "connect", 1, command);

            var answer = peer.readUntilCommand("_result", "_error").lastCommand();

            assertThat(answer.getFirst()).isEqualTo("_result");
            assertThat(peer.createStream("key")).isEqualTo(1.0);
            peer.publish("key");
            var session = publisher.nextSession();
            var frame = new byte[RtmpLimits.DEFAULTS.maxBytesBeforePublish() * 4];
            frame[0] = 0x17;
            peer.send(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 0, frame));
            assertThat(session.nextMedia().payload())
                    .as("a publisher's frame, larger than a stranger may send")
                    .hasSize(frame.length);
        }
    }

    @Test
    void publishStartIsSentOnlyAfterThePublisherAccepted() throws Exception {
        var gate = new CountDownLatch(1);
        publisher.holdingStartUntil(gate);
        try (var client = client()) {
            client.handshake();
            client.connect("live");
            client.createStream("key");
            client.command(1, "publish", 5, null, "key", "live");

            assertThat(publisher.startEntered.await(5, TimeUnit.SECONDS)).isTrue();
            // An absence can only be shown over some time: while start has not returned, nothing may arrive.
            assertThat(client.silentFor(Duration.ofMillis(300))).isTrue();
            gate.countDown();

            var status = client.readUntilCommand("onStatus").lastCommand();
            assertThat(info(status)).containsEntry("code", "NetStream.Publish.Start");
            assertThat(publisher.nextSession().key).isEqualTo("key");
        }
    }

    @Test
    void aRefusedPublishGetsAnErrorWithItsCodeAndTheConnectionCloses() throws Exception {
        publisher.refusing("NetStream.Publish.BadName", "No such stream key");
        try (var client = client()) {
            client.handshake();
            client.connect("live");
            client.createStream("wrong");

            var status = client.publish("wrong");

            assertThat(info(status.lastCommand()))
                    .containsEntry("level", "error")
                    .containsEntry("code", "NetStream.Publish.BadName")
                    .containsEntry("description", "No such stream key");
            assertThat(status.ofType(RtmpMessage.USER_CONTROL))
                    .as("no Stream Begin")
                    .isEmpty();
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(publisher.refusedKeys).containsExactly("wrong");
        assertThat(publisher.sessions).isEmpty();
    }

    @Test
    void anUnknownApplicationIsRejectedAtConnect() throws Exception {
        try (var client = client()) {
            client.handshake();

            var answer = client.connect("vod").lastCommand();

            assertThat(answer.getFirst()).isEqualTo("_error");
            assertThat(info(answer)).containsEntry("code", "NetConnection.Connect.Rejected");
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void theServerEndingAPublishClosesItsConnection() throws Exception {
        try (var client = publishing()) {
            var session = publisher.nextSession();

            session.endConnection.run();

            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
            assertThat(session.ended.get(5, TimeUnit.SECONDS)).isEqualTo("the server ended the publish");
        }
    }

    @Test
    void aDigestStyleC1AndAC2ThatMatchesNothingAreAccepted() throws Exception {
        try (var client = client()) {
            var s1 = client.handshake(RtmpSeeds.digestC1(7), RtmpSeeds.random(8));

            assertThat(s1).startsWith(0, 0, 0, 0, 0, 0, 0, 0);
            assertThat(client.connect("live").lastCommand().getFirst()).isEqualTo("_result");
        }
    }

    @Test
    void mediaTimestampsKeepRisingAcrossTheThirtyTwoBitWrap() throws Exception {
        try (var client = publishing()) {
            var session = publisher.nextSession();
            long nearTheEnd = 0xFFFF_FFF0L;

            client.send(
                    new RtmpMessage(6, RtmpMessage.VIDEO, 1, nearTheEnd, new byte[300])); // extended, type 3 repeats
            client.raw(new ChunkBytes()
                    .type2(6, 0x20)
                    .filler(128, 1)
                    .type3(6)
                    .filler(128, 1)
                    .type3(6)
                    .filler(44, 1) // a delta across the wrap
                    .type0(6, 0x40, 2, RtmpMessage.VIDEO, 1)
                    .bytes((byte) 0x27, (byte) 1) // an absolute timestamp after the wrap
                    .toByteArray());

            assertThat(session.nextMedia().timestamp()).isEqualTo(nearTheEnd);
            assertThat(session.nextMedia().timestamp()).isEqualTo((1L << 32) + 0x10);
            assertThat(session.nextMedia().timestamp()).isEqualTo((1L << 32) + 0x40);
        }
    }

    @Test
    void chunkSizeChangesAbortsAndThreeByteChunkStreamIdsOverTheWire() throws Exception {
        try (var client = publishing()) {
            var session = publisher.nextSession();
            var large = new byte[50_000];
            large[49_999] = 42;

            client.chunkSize(60_000);
            client.send(new RtmpMessage(400, RtmpMessage.VIDEO, 1, 10, large));
            client.chunkSize(128);
            client.raw(new ChunkBytes()
                    .type0(6, 20, 300, RtmpMessage.VIDEO, 1)
                    .filler(128, 7) // a message begun …
                    .type0(2, 0, 4, RtmpMessage.ABORT, 0)
                    .u32(6) // … and abandoned
                    .type0(6, 30, 2, RtmpMessage.VIDEO, 1)
                    .bytes((byte) 0x27, (byte) 1)
                    .toByteArray());

            var first = session.nextMedia();
            assertThat(first.payload()).hasSize(50_000);
            assertThat(first.payload()[49_999]).isEqualTo((byte) 42);
            var second = session.nextMedia();
            assertThat(second.payload()).containsExactly(0x27, 1);
            assertThat(second.timestamp()).isEqualTo(30);
        }
    }

    @Test
    void acknowledgementsFollowTheWindowThePeerAsksFor() throws Exception {
        int window = 4096;
        try (var client = client()) {
            client.handshake();
            client.send(new RtmpMessage(
                    2,
                    RtmpMessage.WINDOW_ACK_SIZE,
                    0,
                    0,
                    ByteBuffer.allocate(4).putInt(window).array()));
            client.connect("live");
            client.createStream("key");
            client.publish("key");

            var counts = new ArrayList<Long>();
            for (int i = 0; i < 12; i++) {
                client.send(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 40L * i, new byte[1000]));
                counts.add(client.chunkBytesWritten());
            }

            var acknowledgements = new ArrayList<Long>();
            while (acknowledgements.size() < 2) {
                var message = client.next();
                if (message.type() == RtmpMessage.ACKNOWLEDGEMENT) {
                    acknowledgements.add((long) u32(message));
                }
            }
            long firstDue = counts.stream().filter(c -> c >= window).findFirst().orElseThrow();
            long secondDue = counts.stream()
                    .filter(c -> c >= firstDue + window)
                    .findFirst()
                    .orElseThrow();
            assertThat(acknowledgements).containsExactly(firstDue, secondDue);
        }
    }
}
