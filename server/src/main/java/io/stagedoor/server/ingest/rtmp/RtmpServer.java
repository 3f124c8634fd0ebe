package io.stagedoor.server.ingest.rtmp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts RTMP (or, with a TLS server socket factory, RTMPS) connections and runs each on a virtual thread. Port 0
 * picks a free port; {@link #port()} tells which. One timer thread closes every connection whose handshake, or whose
 * next complete message, is later than {@link RtmpLimits} allow, so a peer that trickles bytes holds nothing for
 * long.
 */
public final class RtmpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);

    private final ServerSocket listener;
    private final RtmpLimits limits;
    private final Publisher publisher;
    private final int maxConnections;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<RtmpConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;

    private RtmpServer(ServerSocket listener, RtmpLimits limits, Publisher publisher, int maxConnections) {
        this.listener = listener;
        this.limits = limits;
        this.publisher = publisher;
        this.maxConnections = maxConnections;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("rtmp-deadlines-" + listener.getLocalPort())
                .daemon()
                .factory());
        long tickMillis = checkInterval(limits).toMillis();
        deadlines.scheduleWithFixedDelay(this::closeOverdue, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        this.acceptor = Thread.ofPlatform()
                .name("rtmp-accept-" + listener.getLocalPort())
                .daemon()
                .start(this::accept);
    }

    public static RtmpServer start(
            ServerSocketFactory sockets,
            String host,
            int port,
            RtmpLimits limits,
            Publisher publisher,
            int maxConnections)
            throws IOException {
        var listener = sockets.createServerSocket(port, 128, InetAddress.getByName(host));
        return new RtmpServer(listener, limits, publisher, maxConnections);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** A tenth of the shorter timeout, between 10 ms and 1 s: deadlines hold to within that. */
    static Duration checkInterval(RtmpLimits limits) {
        var shorter = limits.handshakeTimeout().compareTo(limits.idleTimeout()) < 0
                ? limits.handshakeTimeout()
                : limits.idleTimeout();
        var tenth = shorter.dividedBy(10);
        if (tenth.compareTo(Duration.ofMillis(10)) < 0) {
            return Duration.ofMillis(10);
        }
        return tenth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : tenth;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    log.warn("RTMP accept failed: {}", e.getMessage());
                    pauseAfterFailedAccept();
                }
                continue;
            }
            if (open.size() >= maxConnections) {
                log.warn(
                        "RTMP connection from {} refused: {} connections open",
                        socket.getRemoteSocketAddress(),
                        open.size());
                closeQuietly(socket);
                continue;
            }
            RtmpConnection connection;
            try {
                connection = connectionOn(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            open.add(connection);
            try {
                connections.submit(() -> {
                    try {
                        connection.run();
                    } finally {
                        open.remove(connection);
                    }
                });
            } catch (RejectedExecutionException e) {
                open.remove(connection);
                closeQuietly(socket); // the server is closing
            }
        }
    }

    private RtmpConnection connectionOn(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        // A per-read limit too; the deadlines above bound the whole handshake and each message.
        socket.setSoTimeout(
                (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()));
        return new RtmpConnection(
                new BufferedInputStream(socket.getInputStream(), 64 * 1024),
                new BufferedOutputStream(socket.getOutputStream(), 16 * 1024),
                socket,
                String.valueOf(socket.getRemoteSocketAddress()),
                limits,
                publisher);
    }

    /** Runs on the timer; must not throw, or the timer would stop for good. */
    private void closeOverdue() {
        long now = System.nanoTime();
        for (var connection : open) {
            try {
                connection.closeIfOverdue(now);
            } catch (RuntimeException e) {
                log.error("Closing an overdue RTMP connection failed", e);
            }
        }
    }

    /** Running out of file descriptors makes accept fail at once; without a pause this loop would spin. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connections open now. */
    public int connections() {
        return open.size();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        deadlines.shutdownNow();
        open.forEach(connection -> connection.close("the server ended the connection"));
        connections.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already gone
        }
    }
}
