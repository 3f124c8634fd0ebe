package io.stagedoor.server.ingest.rtmp;

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
 * from any thread, and {@link #closeIfOverdue} is how the server enforces the handshake and idle deadlines.
 */
final class RtmpConnection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RtmpConnection.class);
    static final String APP = "live";
    static final int WINDOW = 2_500_000;
    static final int OUR_CHUNK_SIZE = 4096;
    private static final int PUBLISH_STREAM = 1;

    private final InputStream input;
    private final OutputStream output;
    private final Closeable transport;
    private final RtmpLimits limits;
    private final Publisher publisher;
    private final String address;
    private final String handshakeOverdue;
    private final String idleOverdue;
    private final AtomicReference<@Nullable String> closedBecause = new AtomicReference<>();
    /** {@link System#nanoTime()} by which the handshake or the next complete message must have arrived. */
    private volatile long deadlineNanos;

    private volatile String overdueReason;
    private @Nullable ChunkReader reader;
    private @Nullable ChunkWriter writer;
    private Publisher.@Nullable Client client;
    private Publisher.@Nullable Session session;
    private long peerWindow;
    private long acknowledged;

    /**
     * @param transport closed to end the connection; closing it must make a blocked read of {@code input} fail
     */
    RtmpConnection(
            InputStream input,
            OutputStream output,
            Closeable transport,
            String address,
            RtmpLimits limits,
            Publisher publisher) {
        this.input = input;
        this.output = output;
        this.transport = transport;
        this.address = address;
        this.limits = limits;
        this.publisher = publisher;
        this.handshakeOverdue =
                "the handshake took longer than " + limits.handshakeTimeout().toMillis() + " ms";
        this.idleOverdue = "no complete message for " + limits.idleTimeout().toMillis() + " ms";
        this.overdueReason = handshakeOverdue;
        this.deadlineNanos = System.nanoTime() + limits.handshakeTimeout().toNanos();
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
        } catch (RtmpProtocolException e) {
            why = "protocol error: " + e.getMessage();
            log.warn("RTMP connection from {} closed: {}", address, e.getMessage());
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

    /**
     * The connection's whole life, up to the exception that ends it (an {@link IOException}, of which
     * {@link RtmpProtocolException} is the peer's fault) or until it is closed; the transport is closed on return.
     * Any other exception is a bug of ours.
     */
    void serve() throws IOException {
        try (transport) {
            Handshake.perform(input, output);
            var chunks = new ChunkReader(input, limits);
            reader = chunks;
            writer = new ChunkWriter(output);
            extendDeadline();
            while (closedBecause.get() == null) {
                var message = chunks.next();
                extendDeadline();
                handle(message);
                acknowledge();
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

    /** Closes the connection if the handshake or the next complete message is late at {@code nowNanos}. */
    void closeIfOverdue(long nowNanos) {
        if (nowNanos - deadlineNanos > 0) {
            log.info("RTMP connection from {} closed: {}", address, overdueReason);
            close(overdueReason);
        }
    }

    private void extendDeadline() {
        overdueReason = idleOverdue;
        deadlineNanos = System.nanoTime() + limits.idleTimeout().toNanos();
    }

    private void handle(RtmpMessage message) throws IOException {
        var chunks = Objects.requireNonNull(reader);
        switch (message.type()) {
            case RtmpMessage.SET_CHUNK_SIZE -> chunks.setChunkSize(u32(message) & 0x7fffffff);
            case RtmpMessage.ABORT -> chunks.abort(u32(message));
            case RtmpMessage.WINDOW_ACK_SIZE -> peerWindow = u32(message) & 0xffffffffL;
            case RtmpMessage.USER_CONTROL -> userControl(message.payload());
            case RtmpMessage.COMMAND_AMF0 -> command(Amf0.decodeAll(message.payload(), limits), message.streamId());
            case RtmpMessage.COMMAND_AMF3 ->
                command(Amf0.decodeAll(skipFirst(message.payload()), limits), message.streamId());
            case RtmpMessage.DATA_AMF0 -> data(Amf0.decodeAll(message.payload(), limits));
            case RtmpMessage.DATA_AMF3 -> data(Amf0.decodeAll(skipFirst(message.payload()), limits));
            case RtmpMessage.AUDIO, RtmpMessage.VIDEO -> {
                if (session != null) {
                    session.media(message.type(), message.timestamp(), message.payload());
                }
            }
            case RtmpMessage.AGGREGATE -> aggregate(message);
            default -> {
                // Acknowledgements, bandwidth hints and unknown types need no answer.
            }
        }
    }

    /** The four-byte big-endian value that control messages carry. */
    private static int u32(RtmpMessage message) throws RtmpProtocolException {
        if (message.payload().length < 4) {
            throw new RtmpProtocolException("Control message of type " + message.type() + " with "
                    + message.payload().length + " bytes instead of 4");
        }
        return ByteBuffer.wrap(message.payload()).getInt();
    }

    private void command(List<Object> values, int streamId) throws IOException {
        if (values.isEmpty() || !(values.getFirst() instanceof String name)) {
            throw new RtmpProtocolException("A command without a name");
        }
        double transaction = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        switch (name) {
            case "connect" -> connect(transaction, values.size() > 2 ? values.get(2) : null);
            case "releaseStream", "FCPublish" -> {
                requireConnected();
                send(3, RtmpMessage.COMMAND_AMF0, 0, Amf0.encode("_result", transaction, Amf0.NULL, Amf0.NULL));
            }
            case "createStream" -> {
                requireConnected();
                send(3, RtmpMessage.COMMAND_AMF0, 0, Amf0.encode("_result", transaction, Amf0.NULL, (double)
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
                            Amf0.NULL,
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
        try {
            session = publisher.start(client, key, () -> close("the server ended the publish"));
        } catch (Publisher.Refused refused) {
            status(streamId, "error", refused.code(), refused.getMessage());
            close("publish refused: " + refused.code());
            return;
        }
        send(
                2,
                RtmpMessage.USER_CONTROL,
                0,
                ByteBuffer.allocate(6).putShort((short) 0).putInt(streamId).array());
        status(streamId, "status", "NetStream.Publish.Start", "Publishing.");
    }

    private void data(List<Object> values) {
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
                session.media(type, at, body);
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
                Amf0.encode("onStatus", 0.0, Amf0.NULL, statusObject(level, code, description)));
    }

    private static Map<String, Object> statusObject(String level, String code, String description) {
        var info = new LinkedHashMap<String, Object>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }

    private void send(int chunkStream, int type, int streamId, byte[] payload) throws IOException {
        Objects.requireNonNull(writer).write(new RtmpMessage(chunkStream, type, streamId, 0, payload));
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
