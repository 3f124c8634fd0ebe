package io.stagedoor.encoder.rtmp;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.media.rtmp.ChunkReader;
import io.stagedoor.media.rtmp.ChunkWriter;
import io.stagedoor.media.rtmp.Handshake;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.rtmp.RtmpProtocolException;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A publishing RTMP(S) connection: handshake, {@code connect}, {@code createStream}, {@code publish}, then FLV tags as
 * audio, video and data messages. Every byte handed to the socket is reported to the byte counter, which is how the
 * bitrate meter sees what really leaves the machine.
 *
 * <p>Threads: {@link #send} from one thread at a time; a daemon reader thread answers the server's pings and
 * acknowledgement windows and notices when the server ends the stream. {@link #close()} from any thread ends both.
 */
public final class RtmpConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtmpConnection.class);

    static final String FLASH_VERSION = "FMLE/3.0 (compatible; FMSc/1.0)";
    private static final int CONTROL_CHUNK_STREAM = RtmpMessage.CONTROL_CHUNK_STREAM;
    private static final int COMMAND_CHUNK_STREAM = 3;
    private static final int AUDIO_CHUNK_STREAM = 4;
    private static final int DATA_CHUNK_STREAM = 5;
    private static final int VIDEO_CHUNK_STREAM = 6;
    private static final int STREAM_COMMAND_CHUNK_STREAM = 8;

    private final RtmpUrl url;
    private final Socket socket;
    private final ChunkWriter writer;
    private final ChunkReader reader;
    private final int messageStreamId;
    private final AtomicReference<@Nullable String> failure = new AtomicReference<>();
    private final Thread readerThread;
    private long windowAckSize = Long.MAX_VALUE;
    private long lastAcknowledged;
    private volatile boolean closed;

    private RtmpConnection(RtmpUrl url, Socket socket, ChunkWriter writer, ChunkReader reader, int streamId) {
        this.url = url;
        this.socket = socket;
        this.writer = writer;
        this.reader = reader;
        this.messageStreamId = streamId;
        this.readerThread = Thread.ofPlatform()
                .name("rtmp-reader " + url.host() + ":" + url.port())
                .daemon()
                .unstarted(this::readUntilClosed);
    }

    /**
     * Connects and asks to publish; returns once the server said {@code NetStream.Publish.Start}.
     *
     * @param bytesWritten told the number of bytes each time some are handed to the socket
     * @throws IngestUnreachableException when no RTMP conversation could be had
     * @throws StreamKeyRefusedException when the server refused the application or the stream key
     * @throws EncoderException when the server broke the protocol
     */
    public static RtmpConnection publish(RtmpUrl url, RtmpOptions options, LongConsumer bytesWritten) {
        Socket socket = openSocket(url, options);
        try {
            socket.setSoTimeout((int) options.responseTimeout().toMillis());
            var counted = new CountingOutputStream(socket.getOutputStream(), bytesWritten);
            var out = new ChunkWriter(new BufferedOutputStream(counted, 64 << 10));
            var reader = new ChunkReader(socket.getInputStream(), RtmpLimits.DEFAULTS);
            try {
                Handshake.client(socket.getInputStream(), counted);
            } catch (RtmpProtocolException e) {
                throw new EncoderException(url.host() + ":" + url.port() + " is not an RTMP server: " + e.getMessage());
            }
            var setup = new Setup(url, out, reader);
            int streamId = setup.run(options.chunkSize());
            socket.setSoTimeout(0);
            var connection = new RtmpConnection(url, socket, out, reader, streamId);
            connection.windowAckSize = setup.windowAckSize;
            connection.readerThread.start();
            return connection;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    url.host() + ":" + url.port() + " accepted the connection but did not answer as an RTMP server"
                            + " within " + options.responseTimeout().toSeconds() + " s",
                    e);
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    "TLS with " + url.host() + ":" + url.port() + " failed: " + e.getMessage(), e);
        } catch (EOFException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    url.host() + ":" + url.port() + " closed the connection during the RTMP handshake; is it an RTMP"
                            + (url.secure() ? "S" : "") + " server?",
                    e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    "The connection to " + url.host() + ":" + url.port() + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * Sends one tag: script data becomes {@code @setDataFrame}, audio and video become media messages.
     *
     * @param timestampMillis the timestamp on this connection (the caller rebases them to start near zero)
     * @throws IOException when the connection failed or the server ended the stream
     */
    public void send(FlvTag tag, long timestampMillis) throws IOException {
        throwIfFailed();
        synchronized (writer) {
            if (tag.isScript()) {
                byte[] prefix = Amf0.encode("@setDataFrame");
                byte[] payload = Arrays.copyOf(prefix, prefix.length + tag.data().length);
                System.arraycopy(tag.data(), 0, payload, prefix.length, tag.data().length);
                writer.write(new RtmpMessage(
                        DATA_CHUNK_STREAM, RtmpMessage.DATA_AMF0, messageStreamId, timestampMillis, payload));
            } else {
                writer.write(new RtmpMessage(
                        tag.isAudio() ? AUDIO_CHUNK_STREAM : VIDEO_CHUNK_STREAM,
                        tag.type(),
                        messageStreamId,
                        timestampMillis,
                        tag.data()));
            }
        }
    }

    /** Pushes buffered bytes to the socket; blocks while the network cannot take them. */
    public void flush() throws IOException {
        throwIfFailed();
        synchronized (writer) {
            writer.flush();
        }
    }

    public RtmpUrl url() {
        return url;
    }

    /** Ends the stream politely when possible and closes the socket; waits briefly for the reader thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure.get() == null && !socket.isClosed()) {
            try {
                socket.setSoTimeout(1000);
                synchronized (writer) {
                    writer.write(RtmpMessage.command(
                            STREAM_COMMAND_CHUNK_STREAM, messageStreamId, "FCUnpublish", 6, null, url.streamKey()));
                    writer.write(
                            RtmpMessage.command(COMMAND_CHUNK_STREAM, 0, "deleteStream", 7, null, messageStreamId));
                    writer.flush();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not end the stream politely: {}", e.toString());
            }
        }
        closeQuietly(socket);
        try {
            readerThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the socket at once, without the polite goodbye; for a sender blocked on a network that stopped taking
     * data. Safe from any thread; the blocked {@link #send} or {@link #flush} then fails.
     */
    public void abort(String reason) {
        failure.compareAndSet(null, reason);
        closed = true;
        closeQuietly(socket);
    }

    private void throwIfFailed() throws IOException {
        var reason = failure.get();
        if (reason != null) {
            throw new IOException(reason);
        }
        if (closed) {
            throw new IOException("the connection is closed");
        }
    }

    private void readUntilClosed() {
        try {
            while (!closed) {
                var message = reader.next();
                switch (message.type()) {
                    case RtmpMessage.SET_CHUNK_SIZE -> reader.setChunkSize((int) message.uint32());
                    case RtmpMessage.WINDOW_ACK_SIZE -> windowAckSize = message.uint32();
                    case RtmpMessage.USER_CONTROL -> answerPing(message);
                    case RtmpMessage.COMMAND_AMF0 -> noticeStatus(Amf0.decodeAll(message.payload()));
                    default -> {}
                }
                acknowledgeIfDue();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                failure.compareAndSet(null, "the server closed the connection (" + e.getMessage() + ")");
                closeQuietly(socket);
            }
        }
    }

    private void answerPing(RtmpMessage message) throws IOException {
        byte[] p = message.payload();
        if (p.length >= 6 && ((p[0] & 0xFF) << 8 | (p[1] & 0xFF)) == RtmpMessage.PING_REQUEST) {
            long time = ((long) (p[2] & 0xFF) << 24) | ((p[3] & 0xFF) << 16) | ((p[4] & 0xFF) << 8) | (p[5] & 0xFF);
            synchronized (writer) {
                writer.send(RtmpMessage.userControl(RtmpMessage.PING_RESPONSE, time));
            }
        }
    }

    private void acknowledgeIfDue() throws IOException {
        long read = reader.bytesRead();
        if (read - lastAcknowledged >= windowAckSize) {
            lastAcknowledged = read;
            synchronized (writer) {
                writer.send(RtmpMessage.control(RtmpMessage.ACKNOWLEDGEMENT, read));
            }
        }
    }

    private void noticeStatus(List<@Nullable Object> values) {
        if (values.size() >= 4 && "onStatus".equals(values.getFirst()) && values.get(3) instanceof Map<?, ?> info) {
            if ("error".equals(info.get("level"))) {
                failure.compareAndSet(
                        null, "the server ended the stream: " + info.get("code") + " " + info.get("description"));
                closeQuietly(socket);
            }
        }
    }

    private static Socket openSocket(RtmpUrl url, RtmpOptions options) {
        var socket = new Socket();
        try {
            socket.setSendBufferSize(options.sendBufferBytes());
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.host(), url.port()), (int)
                    options.connectTimeout().toMillis());
            if (!url.secure()) {
                return socket;
            }
            socket.setSoTimeout((int) options.responseTimeout().toMillis());
            var tls = (SSLSocket) options.tlsSocketFactory().createSocket(socket, url.host(), url.port(), true);
            var parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    "Cannot find the ingest host \"" + url.host() + "\": check the URL and the network", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    "No answer from " + url.host() + ":" + url.port() + " within "
                            + options.connectTimeout().toSeconds() + " s: check the URL, the network and any firewall",
                    e);
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    "TLS with " + url.host() + ":" + url.port() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IngestUnreachableException(
                    "Cannot connect to " + url.host() + ":" + url.port() + " (" + e.getMessage()
                            + "): check the URL and that the server is running",
                    e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing the socket failed: {}", e.toString());
        }
    }

    /** The conversation from {@code connect} to {@code NetStream.Publish.Start}, on the caller's thread. */
    private static final class Setup {
        private final RtmpUrl url;
        private final ChunkWriter out;
        private final ChunkReader in;
        long windowAckSize = Long.MAX_VALUE;

        Setup(RtmpUrl url, ChunkWriter out, ChunkReader in) {
            this.url = url;
            this.out = out;
            this.in = in;
        }

        int run(int chunkSize) throws IOException {
            out.write(RtmpMessage.control(RtmpMessage.SET_CHUNK_SIZE, chunkSize));
            out.chunkSize(chunkSize);
            var properties = new LinkedHashMap<String, Object>();
            properties.put("app", url.app());
            properties.put("type", "nonprivate");
            properties.put("flashVer", FLASH_VERSION);
            properties.put("tcUrl", url.tcUrl());
            out.write(RtmpMessage.command(COMMAND_CHUNK_STREAM, 0, "connect", 1, properties));
            out.flush();
            var connected = awaitResult(1, "connect");
            if (!"_result".equals(connected.getFirst())) {
                throw new StreamKeyRefusedException("The server refused the application \"" + url.app() + "\" at "
                        + url.host() + ":" + url.port() + ": " + describe(connected) + ". Check the URL.");
            }
            out.write(RtmpMessage.command(COMMAND_CHUNK_STREAM, 0, "releaseStream", 2, null, url.streamKey()));
            out.write(RtmpMessage.command(COMMAND_CHUNK_STREAM, 0, "FCPublish", 3, null, url.streamKey()));
            out.write(RtmpMessage.command(COMMAND_CHUNK_STREAM, 0, "createStream", 4, (Object) null));
            out.flush();
            var created = awaitResult(4, "createStream");
            if (!"_result".equals(created.getFirst()) || !(created.size() > 3 && created.get(3) instanceof Double id)) {
                throw new EncoderException("The server would not create a stream: " + describe(created));
            }
            int streamId = id.intValue();
            out.write(RtmpMessage.command(
                    STREAM_COMMAND_CHUNK_STREAM, streamId, "publish", 5, null, url.streamKey(), "live"));
            out.flush();
            awaitPublishStart();
            return streamId;
        }

        private List<@Nullable Object> awaitResult(double transaction, String what) throws IOException {
            while (true) {
                var values = nextCommand(what);
                if (values.size() >= 2
                        && ("_result".equals(values.getFirst()) || "_error".equals(values.getFirst()))
                        && values.get(1) instanceof Double t
                        && t == transaction) {
                    return values;
                }
            }
        }

        private void awaitPublishStart() throws IOException {
            while (true) {
                List<@Nullable Object> values;
                try {
                    values = nextCommand("publish");
                } catch (EOFException e) {
                    throw new StreamKeyRefusedException("The server at " + url.host() + ":" + url.port()
                            + " closed the connection when asked to publish: it refused the stream key (or the"
                            + " application \"" + url.app() + "\"). Check the stream key.");
                }
                if (values.size() >= 4
                        && "onStatus".equals(values.getFirst())
                        && values.get(3) instanceof Map<?, ?> info) {
                    var code = String.valueOf(info.get("code"));
                    if (code.equals("NetStream.Publish.Start")) {
                        return;
                    }
                    if ("error".equals(info.get("level")) || code.contains("BadName") || code.contains("Failed")) {
                        throw new StreamKeyRefusedException("The server refused the stream key: " + code
                                + (info.get("description") == null ? "" : " (" + info.get("description") + ")")
                                + ". Check the stream key.");
                    }
                } else if (values.size() >= 1 && "_error".equals(values.getFirst())) {
                    throw new StreamKeyRefusedException(
                            "The server refused to publish: " + describe(values) + ". Check the stream key.");
                }
            }
        }

        private List<@Nullable Object> nextCommand(String what) throws IOException {
            while (true) {
                var message = in.next();
                switch (message.type()) {
                    case RtmpMessage.SET_CHUNK_SIZE -> in.setChunkSize((int) message.uint32());
                    case RtmpMessage.WINDOW_ACK_SIZE -> windowAckSize = message.uint32();
                    case RtmpMessage.COMMAND_AMF0 -> {
                        return Amf0.decodeAll(message.payload());
                    }
                    default -> log.trace("While waiting for {}: message type {}", what, message.type());
                }
            }
        }

        private static String describe(List<@Nullable Object> values) {
            for (var value : values) {
                if (value instanceof Map<?, ?> info && info.containsKey("code")) {
                    return info.get("code")
                            + (info.get("description") == null ? "" : " (" + info.get("description") + ")");
                }
            }
            return values.toString();
        }
    }

    /** Counts what the socket accepted, i.e. after any buffering of ours. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final LongConsumer counter;

        CountingOutputStream(OutputStream out, LongConsumer counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.accept(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counter.accept(len);
        }
    }
}
