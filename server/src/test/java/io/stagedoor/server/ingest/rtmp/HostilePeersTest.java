package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.rtmp.Handshake;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.testing.ChunkBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that break the protocol, stall or trickle: each is closed on its own, in bounded time, and a publisher that
 * behaves keeps streaming through all of it.
 */
class HostilePeersTest {

    // The time from accept to an accepted publish: long enough that a loaded machine publishes within it.
    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(2);
    // Long enough that a loaded machine never starves the good publisher for this long.
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final RtmpLimits LIMITS =
            RtmpLimits.DEFAULTS.withPublishTimeout(PUBLISH_DEADLINE).withIdleTimeout(IDLE);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private RtmpServer server;

    @BeforeEach
    void start() throws IOException {
        // Caps far above what the attacks open: evictions have tests of their own.
        server = RtmpServer.start(
                ServerSocketFactory.getDefault(),
                "127.0.0.1",
                0,
                LIMITS,
                publisher,
                new Admission(500, 500, 500, 1L << 30));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHandshakeTrickledByteByByteIsCutAtItsDeadline() throws Exception {
        try (var peer = ScriptedClient.connect(server.port())) {
            long started = System.nanoTime();
            var trickle = trickle(peer, c0c1(), Duration.ofMillis(100));

            assertThat(peer.closedByServerWithin(Duration.ofSeconds(10))).isTrue();

            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(elapsed)
                    .as("each byte came within the per-read timeout; only the total deadline can end it")
                    .isBetween(PUBLISH_DEADLINE, PUBLISH_DEADLINE.plusSeconds(3));
            trickle.cancel(true);
        }
        ScriptedClient.awaitConnections(server, 0, Duration.ofSeconds(10));
    }

    @Test
    void aMessageTrickledForeverIsCutAfterTheIdleTimeout() throws Exception {
        try (var peer = ScriptedClient.publishing(server.port(), "key")) {
            var session = publisher.nextSession();
            peer.raw(new ChunkBytes().type0(6, 0, 100_000, RtmpMessage.VIDEO, 1).toByteArray());
            long started = System.nanoTime();
            var trickle = trickle(peer, new byte[100_000], Duration.ofMillis(100));

            assertThat(session.ended.get(5, TimeUnit.SECONDS)).isEqualTo("no complete message for 2000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(IDLE.plusSeconds(3));
            assertThat(peer.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
            trickle.cancel(true);
        }
    }

    @Test
    void aPeerSilentAfterTheHandshakeIsClosed() throws Exception {
        try (var peer = ScriptedClient.connect(server.port())) {
            peer.handshake();

            assertThat(peer.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        ScriptedClient.awaitConnections(server, 0, Duration.ofSeconds(10));
    }

    /** What a peer that never publishes might keep sending to look alive. */
    enum KeepAlive {
        SET_CHUNK_SIZE,
        WINDOW_ACK_SIZE,
        PING,
        COMMANDS_AFTER_CONNECT
    }

    @Test
    void nothingAStrangerSendsExtendsItsDeadlineToPublish() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var elapsed = new ArrayList<Future<Duration>>();
            for (var keepAlive : KeepAlive.values()) {
                elapsed.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    try (var peer = ScriptedClient.connect(server.port())) {
                        peer.handshake();
                        if (keepAlive == KeepAlive.COMMANDS_AFTER_CONNECT) {
                            peer.connect("live");
                        }
                        var sender = keepSending(peer, keepAlive, Duration.ofMillis(100));
                        assertThat(peer.closedByServerWithin(Duration.ofSeconds(10)))
                                .as(keepAlive.name())
                                .isTrue();
                        sender.cancel(true);
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                }));
            }
            for (int i = 0; i < elapsed.size(); i++) {
                assertThat(elapsed.get(i).get(20, TimeUnit.SECONDS))
                        .as(
                                "%s every 100 ms, and closed at the deadline from the accept all the same",
                                KeepAlive.values()[i])
                        .isBetween(PUBLISH_DEADLINE, PUBLISH_DEADLINE.plusSeconds(3));
            }
        }
        ScriptedClient.awaitConnections(server, 0, Duration.ofSeconds(10));
    }

    @Test
    void onceItPublishedEveryCompleteMessageExtendsAConnectionsDeadline() throws Exception {
        try (var peer = ScriptedClient.publishing(server.port(), "key")) {
            var session = publisher.nextSession();
            var sender = keepSending(peer, KeepAlive.PING, Duration.ofMillis(100));

            // Past the deadline to publish (counted from the accept, before this) and a whole idle timeout: pings
            // alone keep a publisher.
            Thread.sleep(IDLE.plusSeconds(1).toMillis()); // the span the deadlines must not end it in

            assertThat(session.ended).isNotDone();
            sender.cancel(true);
            assertThat(session.ended.get(10, TimeUnit.SECONDS))
                    .as("silent now: the idle deadline or the read timeout, whichever comes first")
                    .isIn("no complete message for 2000 ms", "the publisher sent nothing for 2000 ms");
        }
    }

    /** Sends what {@code keepAlive} names every {@code pause} until cancelled or the server closes the connection. */
    private static Future<?> keepSending(ScriptedClient peer, KeepAlive keepAlive, Duration pause) {
        var thread = Executors.newVirtualThreadPerTaskExecutor();
        var future = thread.submit(() -> {
            try {
                for (int i = 0; ; i++) {
                    switch (keepAlive) {
                        case SET_CHUNK_SIZE ->
                            peer.raw(control(
                                    RtmpMessage.SET_CHUNK_SIZE,
                                    ByteBuffer.allocate(4).putInt(128).array()));
                        case WINDOW_ACK_SIZE ->
                            peer.raw(control(
                                    RtmpMessage.WINDOW_ACK_SIZE,
                                    ByteBuffer.allocate(4).putInt(2_500_000).array()));
                        case PING -> peer.send(StrangersTest.pingRequest(i));
                        case COMMANDS_AFTER_CONNECT -> {
                            peer.command(0, "releaseStream", 2 + i, null, "key");
                            peer.command(0, "getStreamLength", 3 + i, null, "key");
                            peer.command(0, "createStream", 4 + i, (Object) null);
                        }
                    }
                    Thread.sleep(pause); // the attacker's pace
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or stopped by the test
            }
        });
        thread.shutdown();
        return future;
    }

    @Test
    void manyBadConnectionsAtOnceLeaveAGoodPublisherStreaming() throws Exception {
        var good = ScriptedClient.publishing(server.port(), "key");
        var session = publisher.nextSession();
        var streaming = new AtomicBoolean(true);
        var sent = new AtomicLong();
        var streamer = Thread.ofPlatform().name("good-publisher").start(() -> {
            try {
                while (streaming.get()) {
                    long n = sent.get();
                    good.send(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 20 * n, new byte[] {0x27, 1, (byte) n}));
                    sent.incrementAndGet();
                    Thread.sleep(10); // a publisher's pace, not a wait for anything
                }
            } catch (Exception e) {
                throw new AssertionError("The good publisher failed", e);
            }
        });
        session.nextMedia(); // streaming has begun

        var attacks = attacks();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<Boolean>>();
            for (int copy = 0; copy < 4; copy++) {
                for (var attack : attacks) {
                    results.add(pool.submit(attack));
                }
            }
            for (var result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS))
                        .as("every bad connection is closed by the server")
                        .isTrue();
            }
            assertThat(results).hasSizeGreaterThanOrEqualTo(60);
        }
        ScriptedClient.awaitConnections(server, 1, Duration.ofSeconds(10));
        long duringTheStorm = session.media.size();

        streaming.set(false);
        streamer.join(5_000);
        long total = sent.get();
        var timestamps = new ArrayList<Long>();
        timestamps.add(0L);
        for (long i = 1; i < total; i++) {
            timestamps.add(session.nextMedia().timestamp());
        }
        var expected = new ArrayList<Long>();
        for (long i = 0; i < total; i++) {
            expected.add(20 * i);
        }
        assertThat(duringTheStorm).isPositive();
        assertThat(timestamps)
                .as("every message of the good publisher, in order")
                .isEqualTo(expected);
        assertThat(session.ended).isNotDone();
        assertThat(server.connections()).isEqualTo(1);
        good.close();
        assertThat(session.ended.get(5, TimeUnit.SECONDS)).isEqualTo("the publisher closed the connection");
    }

    /** Each attack connects, misbehaves, and tells whether the server closed the connection on it. */
    private List<Callable<Boolean>> attacks() {
        var attacks = new ArrayList<Callable<Boolean>>();
        attacks.add(before("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()));
        attacks.add(before(new byte[] {6, 1, 2, 3})); // RTMPE's version byte
        attacks.add(before(new byte[] {3, 1, 2, 3})); // a handshake cut short, then silence
        attacks.add(() -> {
            try (var peer = ScriptedClient.connect(server.port())) {
                trickle(peer, c0c1(), Duration.ofMillis(50));
                return peer.closedByServerWithin(Duration.ofSeconds(10));
            }
        });
        attacks.add(after(
                new ChunkBytes().type0(4, 0, 0xFFFFFF, RtmpMessage.VIDEO, 1).toByteArray()));
        var manyStreams = new ChunkBytes();
        for (int csid = 3; csid < 3 + LIMITS.maxChunkStreams() + 1; csid++) {
            manyStreams
                    .type0(csid, 0, LIMITS.maxMessageBytes(), RtmpMessage.VIDEO, 1)
                    .filler(16, 0);
        }
        attacks.add(after(manyStreams.toByteArray()));
        attacks.add(after(new ChunkBytes().type3(5).filler(10, 0).toByteArray()));
        attacks.add(after(control(
                RtmpMessage.SET_CHUNK_SIZE, ByteBuffer.allocate(4).putInt(0).array())));
        attacks.add(after(control(RtmpMessage.SET_CHUNK_SIZE, new byte[] {0, 1})));
        attacks.add(after(control(RtmpMessage.ABORT, new byte[] {7})));
        attacks.add(after(control(RtmpMessage.WINDOW_ACK_SIZE, new byte[0])));
        attacks.add(after(command(new byte[] {0x42, 0x42})));
        var deep = new ChunkBytes();
        for (int i = 0; i < 200; i++) {
            deep.bytes((byte) 0x0A, (byte) 0, (byte) 0, (byte) 0, (byte) 1);
        }
        attacks.add(after(command(deep.toByteArray())));
        attacks.add(after(command(Amf0.encode("publish", 5.0, null, "key", "live")))); // before connect
        var noise = new byte[4096];
        new Random(42).nextBytes(noise);
        attacks.add(after(noise));
        attacks.add(() -> {
            try (var peer = ScriptedClient.publishing(server.port(), "key")) {
                peer.raw(new ChunkBytes()
                        .type0(6, 0, 50_000, RtmpMessage.VIDEO, 1)
                        .toByteArray());
                trickle(peer, new byte[50_000], Duration.ofMillis(100));
                return peer.closedByServerWithin(Duration.ofSeconds(10));
            }
        });
        attacks.add(() -> {
            try (var peer = ScriptedClient.publishing(server.port(), "key")) {
                peer.command(1, "publish", 6, null, "second", "live");
                return peer.closedByServerWithin(Duration.ofSeconds(10));
            }
        });
        attacks.add(() -> {
            try (var peer = ScriptedClient.connect(server.port())) {
                peer.handshake();
                return peer.closedByServerWithin(Duration.ofSeconds(10)); // silent
            }
        });
        return attacks;
    }

    /** A valid C0 and C1, to be sent slowly. */
    private static byte[] c0c1() {
        var bytes = new byte[1 + Handshake.SIZE];
        bytes[0] = Handshake.VERSION;
        return bytes;
    }

    /** Sends {@code bytes} instead of a handshake. */
    private Callable<Boolean> before(byte[] bytes) {
        return () -> {
            try (var peer = ScriptedClient.connect(server.port())) {
                peer.raw(bytes);
                return peer.closedByServerWithin(Duration.ofSeconds(10));
            }
        };
    }

    /** Sends {@code bytes} after a good handshake. */
    private Callable<Boolean> after(byte[] bytes) {
        return () -> {
            try (var peer = ScriptedClient.connect(server.port())) {
                peer.handshake();
                peer.raw(bytes);
                return peer.closedByServerWithin(Duration.ofSeconds(10));
            }
        };
    }

    private static byte[] control(int type, byte[] payload) {
        return new ChunkBytes()
                .type0(2, 0, payload.length, type, 0)
                .bytes(payload)
                .toByteArray();
    }

    private static byte[] command(byte[] amf) {
        return new ChunkBytes()
                .type0(3, 0, amf.length, RtmpMessage.COMMAND_AMF0, 0)
                .bytes(amf)
                .toByteArray();
    }

    /** Writes {@code bytes} one at a time, {@code pause} apart, until done or the server closes the connection. */
    private static Future<?> trickle(ScriptedClient peer, byte[] bytes, Duration pause) {
        var thread = Executors.newVirtualThreadPerTaskExecutor();
        var future = thread.submit(() -> {
            try {
                for (byte b : bytes) {
                    peer.raw(new byte[] {b});
                    Thread.sleep(pause); // the attacker's pace
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or stopped by the test
            }
        });
        thread.shutdown();
        return future;
    }
}
