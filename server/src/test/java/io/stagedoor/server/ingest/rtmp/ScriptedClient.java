package io.stagedoor.server.ingest.rtmp;

import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.rtmp.ChunkReader;
import io.stagedoor.media.rtmp.ChunkWriter;
import io.stagedoor.media.rtmp.Handshake;
import io.stagedoor.media.rtmp.RtmpLimits;
import io.stagedoor.media.rtmp.RtmpMessage;
import io.stagedoor.media.testing.RtmpSeeds;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A test-side RTMP publisher that speaks raw bytes over a real socket: a handshake of the test's choosing, messages
 * through {@link ChunkWriter} or hand-made chunks, and every answer of the server read back through
 * {@link ChunkReader}. It keeps no state a test does not ask for, so each quirk is sent exactly as written.
 */
final class ScriptedClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ChunkWriter writer;
    private final ChunkReader reader;
    /** Bytes of chunks written so far, after the handshake: what the server's acknowledgements count. */
    private long chunkBytesWritten;

    private ScriptedClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new CountingOutput(new BufferedOutputStream(socket.getOutputStream()));
        this.writer = new ChunkWriter(out);
        this.reader = new ChunkReader(in, RtmpLimits.DEFAULTS);
    }

    static ScriptedClient connect(int port) throws IOException {
        return new ScriptedClient(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * A client from another loopback address ({@code 127.0.0.2}, …), as if from another machine: Linux answers every
     * address of 127.0.0.0/8.
     */
    static ScriptedClient connectFrom(String loopbackAddress, int port) throws IOException {
        return new ScriptedClient(
                new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(loopbackAddress), 0));
    }

    /** A client that has shaken hands, connected, created a stream and published {@code key}. */
    static ScriptedClient publishing(int port, String key) throws IOException {
        var client = connect(port);
        client.handshake();
        client.connect("live");
        client.createStream(key);
        client.publish(key);
        return client;
    }

    /** Waits until {@code server} has {@code expected} connections open, failing after {@code within}. */
    static void awaitConnections(RtmpServer server, int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (server.connections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling a count the server offers no event for
        }
        if (server.connections() != expected) {
            throw new AssertionError(server.connections() + " connections open, not " + expected);
        }
    }

    /** The plain handshake: C1 with zero version bytes, C2 echoing S1. Returns S1. */
    byte[] handshake() throws IOException {
        var c1 = RtmpSeeds.random(1);
        Arrays.fill(c1, 0, 8, (byte) 0);
        return handshake(c1, null);
    }

    /**
     * C0 and {@code c1}, then S0/S1/S2, then {@code c2} (or S1 echoed when null). Returns S1 and checks S0 and that
     * S2 echoes C1.
     */
    byte[] handshake(byte[] c1, byte @Nullable [] c2) throws IOException {
        out.write(3);
        out.write(c1);
        out.flush();
        var response = in.readNBytes(1 + 2 * Handshake.SIZE);
        if (response.length != 1 + 2 * Handshake.SIZE || response[0] != 3) {
            throw new IOException("Bad S0/S1/S2: " + response.length + " bytes");
        }
        var s1 = Arrays.copyOfRange(response, 1, 1 + Handshake.SIZE);
        var s2 = Arrays.copyOfRange(response, 1 + Handshake.SIZE, response.length);
        if (!Arrays.equals(s2, c1)) {
            throw new IOException("S2 does not echo C1");
        }
        out.write(c2 != null ? c2 : s1);
        out.flush();
        chunkBytesWritten = 0;
        return s1;
    }

    /** {@code connect} to the {@code live} application (or {@code app}), then reads the server's answers. */
    Answers connect(String app) throws IOException {
        var command = new LinkedHashMap<String, Object>();
        command.put("app", app);
        command.put("type", "nonprivate");
        command.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        command.put("tcUrl", "rtmp://127.0.0.1/" + app);
        command(0, "connect", 1, command);
        return readUntilCommand("_result", "_error");
    }

    /** {@code releaseStream}, {@code FCPublish} and {@code createStream}, as FFmpeg and OBS send them. */
    double createStream(String key) throws IOException {
        command(0, "releaseStream", 2, null, key);
        command(0, "FCPublish", 3, null, key);
        command(0, "createStream", 4, (Object) null);
        while (true) {
            var result = readUntilCommand("_result", "_error").lastCommand();
            if (!"_result".equals(result.getFirst())) {
                throw new IOException("createStream answered " + result);
            }
            if (Double.valueOf(4).equals(result.get(1))) {
                return (Double) result.get(3);
            }
        }
    }

    /** {@code publish(key, "live")} on message stream 1; reads up to the first {@code onStatus}. */
    Answers publish(String key) throws IOException {
        command(1, "publish", 5, null, key, "live");
        return readUntilCommand("onStatus");
    }

    /** One AMF0 command on chunk stream 3 (or 8 for message streams other than 0, as FFmpeg does). */
    void command(int streamId, String name, double transaction, @Nullable Object... arguments) throws IOException {
        var values = new ArrayList<@Nullable Object>();
        values.add(name);
        values.add(transaction);
        values.addAll(Arrays.asList(arguments));
        send(new RtmpMessage(
                streamId == 0 ? 3 : 8, RtmpMessage.COMMAND_AMF0, streamId, 0, Amf0.encode(values.toArray())));
    }

    /** {@code @setDataFrame onMetaData} with {@code metadata}, as a type-18 message. */
    void metadata(Map<String, Object> metadata) throws IOException {
        send(new RtmpMessage(4, RtmpMessage.DATA_AMF0, 1, 0, Amf0.encode("@setDataFrame", "onMetaData", metadata)));
    }

    void send(RtmpMessage message) throws IOException {
        writer.send(message);
    }

    /** Tells the server, and this client's writer, the chunk size from now on. */
    void chunkSize(int size) throws IOException {
        send(new RtmpMessage(
                2,
                RtmpMessage.SET_CHUNK_SIZE,
                0,
                0,
                ByteBuffer.allocate(4).putInt(size).array()));
        writer.chunkSize(size);
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    long chunkBytesWritten() {
        return chunkBytesWritten;
    }

    /** The server's next message; Set Chunk Size is applied to the reader and returned too. */
    RtmpMessage next() throws IOException {
        var message = reader.next();
        if (message.type() == RtmpMessage.SET_CHUNK_SIZE) {
            reader.setChunkSize(ByteBuffer.wrap(message.payload()).getInt());
        }
        return message;
    }

    /** Everything the server sends up to and including the first command named one of {@code names}. */
    Answers readUntilCommand(String... names) throws IOException {
        var messages = new ArrayList<RtmpMessage>();
        while (true) {
            var message = next();
            messages.add(message);
            if (message.type() == RtmpMessage.COMMAND_AMF0
                    && Arrays.asList(names)
                            .contains(Amf0.decodeAll(message.payload()).getFirst())) {
                return new Answers(messages);
            }
        }
    }

    /** True when the server closes the connection within {@code within}; what it sends before is skipped. */
    boolean closedByServerWithin(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** Whether the server has sent nothing for {@code quiet}; used only to prove an absence. */
    boolean silentFor(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            in.mark(1);
            in.read(); // a byte or the end: either way the server was not silent
            in.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server's messages, in order, up to the command a test waited for. */
    record Answers(List<RtmpMessage> messages) {

        List<@Nullable Object> lastCommand() throws IOException {
            return Amf0.decodeAll(messages.getLast().payload());
        }

        List<RtmpMessage> ofType(int type) {
            return messages.stream().filter(m -> m.type() == type).toList();
        }
    }

    private final class CountingOutput extends OutputStream {
        private final OutputStream target;

        CountingOutput(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            chunkBytesWritten++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
            chunkBytesWritten += length;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
