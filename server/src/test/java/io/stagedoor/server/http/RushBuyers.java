package io.stagedoor.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A rush of buyers, run in a process of its own so that the server's JVM does nothing for them: every buyer opens
 * its connection in the same instant (non-blocking connects, one thread), each from its own loopback address
 * ({@code 127.0.x.y}; Linux routes all of 127/8 to the loopback interface), and sends one checkout. A buyer answered
 * 503 or 429 with {@code Retry-After} tries again after it, from the same address with the same idempotency key, as a
 * careful client does; any other answer ends its turn. A connection refused, reset or closed without an answer ends
 * it too, and so does the deadline.
 *
 * <p>Prints one line per attempt: {@code attempt <buyer> <n> <status or error:...> connectMillis=<ms> millis=<ms> at=<ms>} (the attempt's time to
 * connect, to its answer, and from the start of the rush to its answer),
 * then {@code finished}.
 *
 * <p>Arguments: {@code <port> <buyers> <eventId> <ticketTypeId> <deadlineSeconds>}.
 */
public final class RushBuyers {

    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After:\\s*(\\d+)\\s*$");

    private final int port;
    private final String eventId;
    private final String ticketTypeId;
    private final long deadline;
    private final PrintStream out;
    private final Selector selector;
    private final long rushStartedAt = System.nanoTime();
    private final PriorityQueue<Buyer> retries = new PriorityQueue<>((a, b) -> Long.compare(a.retryAt, b.retryAt));

    private RushBuyers(int port, String eventId, String ticketTypeId, long deadline, PrintStream out)
            throws IOException {
        this.port = port;
        this.eventId = eventId;
        this.ticketTypeId = ticketTypeId;
        this.deadline = deadline;
        this.out = out;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int buyers = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        var rush = new RushBuyers(port, args[2], args[3], deadline, System.out);
        rush.run(buyers);
        System.out.println("finished");
        System.out.flush();
    }

    /** One buyer: its address, its idempotency key, and the connection of its current attempt. */
    private final class Buyer {
        final int index;
        final InetAddress address;
        final String idempotencyKey = "rush-" + UUID.randomUUID();
        int attempt;
        long startedAt;
        long connectedAt;
        long retryAt;

        @Nullable SocketChannel channel;

        @Nullable ByteBuffer request;

        final ByteArrayOutputStream answer = new ByteArrayOutputStream();
        boolean done;

        Buyer(int index) throws IOException {
            this.index = index;
            this.address =
                    InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + index / 250), (byte) (1 + index % 250)});
        }

        /** Opens this attempt's socket on the buyer's address, ready to connect. */
        void prepare() {
            attempt++;
            answer.reset();
            startedAt = System.nanoTime();
            connectedAt = 0;
            try {
                var socket = SocketChannel.open();
                channel = socket;
                socket.configureBlocking(false);
                socket.bind(new InetSocketAddress(address, 0));
                request = ByteBuffer.wrap(request().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                fail(e);
            }
        }

        /** Sends the SYN; the selector says when the connection is made. */
        void connect() {
            if (done) {
                return;
            }
            startedAt = System.nanoTime();
            try {
                var socket = channel();
                if (socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    connected();
                } else {
                    socket.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        void connected() throws IOException {
            connectedAt = System.nanoTime();
            var socket = channel();
            socket.register(selector, SelectionKey.OP_WRITE, this);
        }

        void ready(SelectionKey key) {
            try {
                var socket = channel();
                if (key.isConnectable()) {
                    socket.finishConnect();
                    connected();
                } else if (key.isWritable()) {
                    socket.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    var buffer = ByteBuffer.allocate(8192);
                    int read = socket.read(buffer);
                    if (read > 0) {
                        answer.write(buffer.array(), 0, read);
                    } else if (read < 0) {
                        key.cancel();
                        socket.close();
                        answered();
                    }
                }
            } catch (IOException e) {
                key.cancel();
                fail(e);
            }
        }

        private void answered() {
            var text = answer.toString(StandardCharsets.UTF_8);
            var status = STATUS_LINE.matcher(text);
            if (!status.find()) {
                report("error:closed-without-an-answer(" + text.length() + "-bytes)");
                done = true;
                return;
            }
            report(status.group(1));
            var retryAfter = RETRY_AFTER.matcher(text);
            var busy = status.group(1).equals("503") || status.group(1).equals("429");
            if (busy && retryAfter.find()) {
                retryAt = System.nanoTime() + Long.parseLong(retryAfter.group(1)) * 1_000_000_000L;
                if (retryAt < deadline) {
                    retries.add(this);
                    return;
                }
            }
            done = true;
        }

        private void fail(IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already failed
            }
            report("error:" + e.getClass().getSimpleName() + "("
                    + String.valueOf(e.getMessage()).replace(' ', '_') + ")");
            done = true;
        }

        void timedOut() {
            report("error:no-answer-before-the-deadline");
            done = true;
        }

        private void report(String outcome) {
            long now = System.nanoTime();
            out.printf(
                    Locale.ROOT,
                    "attempt %d %d %s connectMillis=%d millis=%d at=%d%n",
                    index,
                    attempt,
                    outcome,
                    connectedAt == 0 ? -1 : (connectedAt - startedAt) / 1_000_000,
                    (now - startedAt) / 1_000_000,
                    (now - rushStartedAt) / 1_000_000);
        }

        private SocketChannel channel() {
            if (channel == null) {
                throw new IllegalStateException("no connection");
            }
            return channel;
        }

        private String request() {
            var body = ("{\"eventId\":\"%s\",\"buyer\":{\"name\":\"Buyer %d\",\"email\":\"buyer%d@example.org\"},"
                            + "\"items\":[{\"ticketTypeId\":\"%s\",\"quantity\":1}],"
                            + "\"payment\":{\"provider\":\"test\",\"testCardNumber\":\"4242424242424242\"}}")
                    .formatted(eventId, index, index, ticketTypeId);
            return "POST /api/v1/checkout HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Idempotency-Key: " + idempotencyKey + "\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + "Connection: close\r\n\r\n"
                    + body;
        }
    }

    private void run(int count) throws IOException {
        var buyers = new ArrayList<Buyer>();
        for (int i = 0; i < count; i++) {
            buyers.add(new Buyer(i));
        }
        // Every socket ready first, then every connection at once: a non-blocking connect only sends the SYN.
        for (var buyer : buyers) {
            buyer.prepare();
        }
        for (var buyer : buyers) {
            buyer.connect();
        }
        while (!allDone(buyers)) {
            long now = System.nanoTime();
            if (now >= deadline) {
                for (var buyer : buyers) {
                    if (!buyer.done) {
                        buyer.timedOut();
                    }
                }
                break;
            }
            while (!retries.isEmpty() && retries.peek().retryAt <= now) {
                var buyer = retries.poll();
                buyer.prepare();
                buyer.connect();
            }
            long wait = deadline - now;
            if (!retries.isEmpty()) {
                wait = Math.min(wait, retries.peek().retryAt - now);
            }
            selector.select(Math.max(1, wait / 1_000_000));
            var keys = selector.selectedKeys();
            for (var key : List.copyOf(keys)) {
                ((Buyer) key.attachment()).ready(key);
            }
            keys.clear();
        }
        selector.close();
    }

    private boolean allDone(List<Buyer> buyers) {
        for (var buyer : buyers) {
            if (!buyer.done) {
                return false;
            }
        }
        return true;
    }
}
