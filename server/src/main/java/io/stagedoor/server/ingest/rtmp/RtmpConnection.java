package io.stagedoor.server.ingest.rtmp;

import io.stagedoor.media.MalformedMediaException;
import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.media.rtmp.BufferBudgetExceededException;
import io.stagedoor.media.rtmp.ChunkReader;
import io.stagedoor.media.rtmp.ChunkWriter;
import io.stagedoor.media.rtmp.Handshake;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.rtmp.RtmpProtocolException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher's connection: handshake, {@code connect}, {@code createStream}, {@code publish}, then media until
 * the publisher stops or goes away. Runs on its own (virtual) thread; anything it does not accept ends this
 * connection and no other. It works on any pair of streams (a socket's, or memory in tests); {@link #close} ends it
 * from any thread, and {@link #closeIfOverdue} is how the server enforces its deadlines: one from accept to an
 * accepted publish, which nothing the peer sends extends, then one per complete message.
 *
 * <p>Until its publish is accepted the peer is a stranger: its messages are held to {@link
 * RtmpLimits#maxBytesBeforePublish()}, its input buffer is small, and the {@link Admission} may evict it for a newer
 * one. Once accepted it counts as a publisher.
 */
final class RtmpConnection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RtmpConnection.class);
    static final String APP = "live";
    static final int WINDOW = 2_500_000;
    static final int OUR_CHUNK_SIZE = 4096;
    private static final int PUBLISH_STREAM = 1;
    /** Enough for the handshake's reads and a stranger's commands, which are a few hundred bytes each. */
    static final int INPUT_BUFFER_BEFORE_PUBLISH = 2 * 1024;
    /** A publisher's media arrive in reads of up to this. */
    static final int INPUT_BUFFER = 64 * 1024;
    /** What the server sends is small (answers, acknowledgements); larger writes go straight through. */
    private static final int OUTPUT_BUFFER = 2 * 1024;

    private final ConnectionInput input;
    private final OutputStream output;
    private final Closeable transport;
    private final RtmpLimits limits;
    private final Publisher publisher;
    private final Admission admission;
    private final String address;
    private final String addressGroup;
    private final String publishOverdue;
    private final String idleOverdue;
    private final AtomicReference<@Nullable String> closedBecause = new AtomicReference<>();
    /** {@link System#nanoTime()} by which the publish, or once published the next complete message, must be in. */
    private volatile long deadlineNanos;

    private volatile String overdueReason;
    /** The publish was accepted: a publisher now, no longer a stranger. */
    private volatile boolean published;

    private @Nullable ChunkReader reader;
    private @Nullable ChunkWriter writer;
    private Publisher.@Nullable Client client;
    private Publisher.@Nullable Session session;
    private long peerWindow;
    private long acknowledged;

    /**
     * @param transport closed to end the connection; closing it must make a blocked read of {@code input} fail
     * @param address the peer, for the logs
     * @param addressGroup where limits per address apply ({@link Admission#addressGroup})
     */
    RtmpConnection(
            InputStream input,
            OutputStream output,
            Closeable transport,
            String address,
            String addressGroup,
            RtmpLimits limits,
            Publisher publisher,
            Admission admission) {
        this.input = new ConnectionInput(input, INPUT_BUFFER_BEFORE_PUBLISH);
        this.output = new BufferedOutputStream(output, OUTPUT_BUFFER);
        this.transport = transport;
        this.address = address;
        this.addressGroup = addressGroup;
        this.limits = limits;
        this.publisher = publisher;
        this.admission = admission;
        this.publishOverdue =
                "no accepted publish within " + limits.publishTimeout().toMillis() + " ms of connecting";
        this.idleOverdue = "no complete message for " + limits.idleTimeout().toMillis() + " ms";
        this.overdueReason = publishOverdue;
        this.deadlineNanos = System.nanoTime() + limits.publishTimeout().toNanos();
    }

    String address() {
        return address;
    }

    String addressGroup() {
        return addressGroup;
    }

    @Override
    public void run() {
        String why = "the publisher disconnected";
        try {
            serve();
        } catch (SocketTimeoutException e) {
            why = "the publisher sent nothing for " + limits.idleTimeout().toMillis() + " ms";
        } catch (EOFException e) {
            why = "the publisher closed the connection";
        } catch (MalformedMediaException e) {
            why = "protocol error: " + e.getMessage();
            warn(e.getMessage());
        } catch (BufferBudgetExceededException e) {
            why = "the server's memory for unfinished messages is used up";
            warn(e.getMessage());
        } catch (IOException e) {
            why = "connection failed: " + e.getMessage();
        } catch (RuntimeException e) {
            why = "internal error";
            log.error("RTMP connection from {} failed", address, e);
        } finally {
            var closedBy = closedBecause.get();
            endSession(closedBy != null ? closedBy : why);
        }
    }

    /** A publisher's trouble is logged line by line; a stranger's through the throttle, as strangers come in floods. */
    private void warn(String why) {
        if (published) {
            log.warn("RTMP connection from {} closed: {}", address, why);
        } else if (closedBecause.get() == null) {
            admission.strangerLog().warn("RTMP connection from " + address + " closed before publishing: " + why);
        }
    }

    /**
     * The connection's whole life, up to the exception that ends it (an {@link IOException}, of which
     * {@link RtmpProtocolException} is the peer's fault) or until it is closed; the transport is closed on return, and
     * every buffer given back. Any other exception is a bug of ours.
     */
    void serve() throws IOException {
        try (transport) {
            Handshake.serve(input, output);
            var chunks = ChunkReader.beforePublish(input, limits, admission.buffers());
            reader = chunks;
            writer = new ChunkWriter(output);
            try {
                while (closedBecause.get() == null) {
                    var message = chunks.next();
                    if (published) {
                        extendDeadline();
                    }
                    handle(message);
                    acknowledge();
                }
            } finally {
                chunks.releaseAll();
            }
        }
    }

    /** Ends the connection from any thread; its own thread then ends the session with {@code why}. */
    void close(String why) {
        if (closedBecause.compareAndSet(null, why)) {
            try {
                transport.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    /** Closes the connection if its publish, or once published its next complete message, is late at {@code nowNanos}. */
    void closeIfOverdue(long nowNanos) {
        if (nowNanos - deadlineNanos > 0) {
            var why = overdueReason;
            if (published) {
                log.info("RTMP connection from {} closed: {}", address, why);
            } else {
                admission.strangerLog().warn("RTMP connection from " + address + " closed: " + why);
            }
            close(why);
        }
    }

    private void extendDeadline() {
        overdueReason = idleOverdue;
        deadlineNanos = System.nanoTime() + limits.idleTimeout().toNanos();
    }

    private void handle(RtmpMessage message) throws IOException {
        var chunks = Objects.requireNonNull(reader);
        switch (message.type()) {
            case RtmpMessage.SET_CHUNK_SIZE -> chunks.setChunkSize((int) (message.uint32() & 0x7fffffff));
            case RtmpMessage.ABORT -> chunks.abort((int) message.uint32());
            case RtmpMessage.WINDOW_ACK_SIZE -> peerWindow = message.uint32();
            case RtmpMessage.USER_CONTROL -> userControl(message.payload());
            case RtmpMessage.COMMAND_AMF0 ->
                command(Amf0.decodeAll(message.payload(), limits.amf0()), message.streamId());
            case RtmpMessage.COMMAND_AMF3 ->
                command(Amf0.decodeAll(skipFirst(message.payload()), limits.amf0()), message.streamId());
            case RtmpMessage.DATA_AMF0 -> data(Amf0.decodeAll(message.payload(), limits.amf0()));
            case RtmpMessage.DATA_AMF3 -> data(Amf0.decodeAll(skipFirst(message.payload()), limits.amf0()));
            case RtmpMessage.AUDIO, RtmpMessage.VIDEO -> {
                if (session != null) {
                    session.media(new FlvTag(message.type(), message.timestamp(), message.payload()));
                }
            }
            case RtmpMessage.AGGREGATE -> aggregate(message);
            default -> {
                // Acknowledgements, bandwidth hints and unknown types need no answer.
            }
        }
    }

    private void command(List<@Nullable Object> values, int streamId) throws IOException {
        if (values.isEmpty() || !(values.getFirst() instanceof String name)) {
            throw new RtmpProtocolException("A command without a name");
        }
        double transaction = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        switch (name) {
            case "connect" -> connect(transaction, values.size() > 2 ? values.get(2) : null);
            case "releaseStream", "FCPublish" -> {
                requireConnected();
                send(3, RtmpMessage.COMMAND_AMF0, 0, Amf0.encode("_result", transaction, null, null));
            }
            case "createStream" -> {
                requireConnected();
                send(3, RtmpMessage.COMMAND_AMF0, 0, Amf0.encode("_result", transaction, null, (double)
                        PUBLISH_STREAM));
            }
            case "publish" -> publish(values.size() > 3 && values.get(3) instanceof String key ? key : "", streamId);
            case "FCUnpublish", "deleteStream", "closeStream" -> stopSession();
            case "play", "play2" -> {
                status(
                        streamId,
                        "error",
                        "NetStream.Play.Failed",
                        "This server takes streams in; watch on the event page.");
                close("the client asked to play");
            }
            default -> {
                // Other commands (getStreamLength, checkBandwidth, …) do not concern a publisher.
            }
        }
    }

    private void connect(double transaction, @Nullable Object commandObject) throws IOException {
        var properties = new LinkedHashMap<String, Object>();
        if (commandObject instanceof Map<?, ?> map) {
            map.forEach((k, v) -> properties.put(String.valueOf(k), v));
        }
        var app = String.valueOf(properties.getOrDefault("app", "")).replaceAll("/+$", "");
        if (!app.equals(APP)) {
            send(
                    3,
                    RtmpMessage.COMMAND_AMF0,
                    0,
                    Amf0.encode(
                            "_error",
                            transaction,
                            null,
                            statusObject(
                                    "error",
                                    "NetConnection.Connect.Rejected",
                                    "Unknown application \"" + app + "\": publish to rtmp://<server>/" + APP
                                            + " with the stream key")));
            close("unknown application \"" + app + "\"");
            return;
        }
        client = new Publisher.Client(
                app,
                String.valueOf(properties.getOrDefault("tcUrl", "")),
                String.valueOf(properties.getOrDefault("flashVer", properties.getOrDefault("flashver", ""))),
                address);
        send(
                2,
                RtmpMessage.WINDOW_ACK_SIZE,
                0,
                ByteBuffer.allocate(4).putInt(WINDOW).array());
        send(
                2,
                RtmpMessage.SET_PEER_BANDWIDTH,
                0,
                ByteBuffer.allocate(5).putInt(WINDOW).put((byte) 2).array());
        send(
                2,
                RtmpMessage.SET_CHUNK_SIZE,
                0,
                ByteBuffer.allocate(4).putInt(OUR_CHUNK_SIZE).array());
        Objects.requireNonNull(writer).chunkSize(OUR_CHUNK_SIZE);
        var server = new LinkedHashMap<String, Object>();
        server.put("fmsVer", "FMS/3,5,7,7009");
        server.put("capabilities", 31.0);
        var info = statusObject("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        send(3, RtmpMessage.COMMAND_AMF0, 0, Amf0.encode("_result", transaction, server, info));
    }

    private void publish(String name, int streamId) throws IOException {
        requireConnected();
        var key = name.contains("?") ? name.substring(0, name.indexOf('?')) : name;
        if (key.isEmpty()) {
            stopSession();
            return;
        }
        if (session != null) {
            throw new RtmpProtocolException("A second publish on one connection");
        }
        if (!published && !admission.publisherSeatFree()) {
            refuseFull(streamId);
            return;
        }
        Publisher.Session started;
        try {
            started = publisher.start(client, key, () -> close("the server ended the publish"));
        } catch (Publisher.Refused refused) {
            status(streamId, "error", refused.code(), refused.getMessage());
            close("publish refused: " + refused.code());
            return;
        }
        if (!admission.seatPublisher(this)) { // the last seat was taken while the publish was decided
            started.ended("the server has as many publishers as it takes");
            refuseFull(streamId);
            return;
        }
        session = started;
        if (!published) {
            published = true;
            Objects.requireNonNull(reader).publishAccepted();
            input.grow(INPUT_BUFFER);
            extendDeadline();
        }
        send(
                2,
                RtmpMessage.USER_CONTROL,
                0,
                ByteBuffer.allocate(6).putShort((short) 0).putInt(streamId).array());
        status(streamId, "status", "NetStream.Publish.Start", "Publishing.");
    }

    private void refuseFull(int streamId) throws IOException {
        admission
                .strangerLog()
                .warn("Publish from " + address + " refused: " + admission.maxPublishers()
                        + " publishers are live, as many as the server takes (ingest.max-publishers)");
        status(
                streamId,
                "error",
                "NetStream.Publish.Rejected",
                "This server takes " + admission.maxPublishers() + " publishers at once and all are live: try again"
                        + " later, or ask its operator to raise ingest.max-publishers.");
        close("publish refused: the server is full");
    }

    private void data(List<@Nullable Object> values) {
        if (session == null) {
            return;
        }
        for (var value : values) {
            if (value instanceof Map<?, ?> map) {
                var metadata = new LinkedHashMap<String, Object>();
                map.forEach((k, v) -> metadata.put(String.valueOf(k), v));
                session.metadata(metadata);
                return;
            }
        }
    }

    /** An aggregate message holds FLV tags back to back; each becomes a media message. */
    private void aggregate(RtmpMessage message) throws RtmpProtocolException {
        var buffer = ByteBuffer.wrap(message.payload());
        long base = -1;
        while (buffer.remaining() >= 11) {
            int type = buffer.get() & 0xff;
            int size = ((buffer.get() & 0xff) << 16) | ((buffer.get() & 0xff) << 8) | (buffer.get() & 0xff);
            long timestamp = ((buffer.get() & 0xffL) << 16)
                    | ((buffer.get() & 0xffL) << 8)
                    | (buffer.get() & 0xffL)
                    | ((buffer.get() & 0xffL) << 24);
            buffer.position(buffer.position() + 3);
            if (size > buffer.remaining()) {
                throw new RtmpProtocolException("Aggregate message cut short");
            }
            var body = new byte[size];
            buffer.get(body);
            if (buffer.remaining() >= 4) {
                buffer.getInt(); // previous tag size
            }
            if (base < 0) {
                base = timestamp;
            }
            // The tags carry 32-bit FLV timestamps; their distance from the first, read modulo 2³², places them on
            // the message's own clock, across a wrap too. A tag before the clock's start is not media.
            long at = message.timestamp() + (int) (timestamp - base);
            if (at < 0) {
                throw new RtmpProtocolException(
                        "A tag in an aggregate message lies " + -at + " ms before the stream began");
            }
            if (session != null && (type == RtmpMessage.AUDIO || type == RtmpMessage.VIDEO)) {
                session.media(new FlvTag(type, at, body));
            }
        }
    }

    private void userControl(byte[] payload) throws IOException {
        if (payload.length >= 6 && ByteBuffer.wrap(payload).getShort() == 6) { // ping request
            var response = ByteBuffer.allocate(6)
                    .putShort((short) 7)
                    .put(payload, 2, 4)
                    .array();
            send(2, RtmpMessage.USER_CONTROL, 0, response);
        }
    }

    private void acknowledge() throws IOException {
        long received = Objects.requireNonNull(reader).bytesRead();
        if (peerWindow > 0 && received - acknowledged >= peerWindow) {
            acknowledged = received;
            send(
                    2,
                    RtmpMessage.ACKNOWLEDGEMENT,
                    0,
                    ByteBuffer.allocate(4).putInt((int) acknowledged).array());
        }
    }

    private void status(int streamId, String level, String code, String description) throws IOException {
        send(
                5,
                RtmpMessage.COMMAND_AMF0,
                streamId,
                Amf0.encode("onStatus", 0.0, null, statusObject(level, code, description)));
    }

    private static Map<String, Object> statusObject(String level, String code, String description) {
        var info = new LinkedHashMap<String, Object>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }

    private void send(int chunkStream, int type, int streamId, byte[] payload) throws IOException {
        Objects.requireNonNull(writer).send(new RtmpMessage(chunkStream, type, streamId, 0, payload));
    }

    private void requireConnected() throws RtmpProtocolException {
        if (client == null) {
            throw new RtmpProtocolException("A command before connect");
        }
    }

    /** The publisher said it is stopping: a deliberate end, unlike a connection that breaks. */
    private void stopSession() {
        var ending = session;
        session = null;
        if (ending != null) {
            ending.stopped("the publisher stopped");
        }
    }

    private void endSession(String why) {
        var ending = session;
        session = null;
        if (ending != null) {
            ending.ended(why);
        }
    }

    private static byte[] skipFirst(byte[] payload) {
        return payload.length == 0 ? payload : Arrays.copyOfRange(payload, 1, payload.length);
    }
}
