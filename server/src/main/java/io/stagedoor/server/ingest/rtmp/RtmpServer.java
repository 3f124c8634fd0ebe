package io.stagedoor.server.ingest.rtmp;

import io.stagedoor.media.rtmp.RtmpLimits;
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
 * picks a free port; {@link #port()} tells which. Every connection is let in: the {@link Admission} makes room by
 * evicting the oldest connection that has not published, so strangers cannot fill the server. One timer thread
 * closes every connection that has no accepted publish within {@link RtmpLimits#publishTimeout()} of its accept, or
 * once publishing no complete message within {@link RtmpLimits#idleTimeout()}, so a peer that trickles bytes holds
 * nothing for long.
 */
public final class RtmpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);
    /**
     * Connections the system may queue before they are accepted: a burst of this many is not dropped while the
     * accepting thread catches up (the kernel caps it at {@code net.core.somaxconn}).
     */
    static final int ACCEPT_BACKLOG = 1024;

    private final ServerSocket listener;
    private final RtmpLimits limits;
    private final Publisher publisher;
    private final Admission admission;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<RtmpConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;

    private RtmpServer(ServerSocket listener, RtmpLimits limits, Publisher publisher, Admission admission) {
        this.listener = listener;
        this.limits = limits;
        this.publisher = publisher;
        this.admission = admission;
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

    /**
     * @param admission what all connections may hold together; one for every listener of the server
     */
    public static RtmpServer start(
            ServerSocketFactory sockets,
            String host,
            int port,
            RtmpLimits limits,
            Publisher publisher,
            Admission admission)
            throws IOException {
        var listener = sockets.createServerSocket(port, ACCEPT_BACKLOG, InetAddress.getByName(host));
        return new RtmpServer(listener, limits, publisher, admission);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** A tenth of the shorter timeout, between 10 ms and 1 s: deadlines hold to within that. */
    static Duration checkInterval(RtmpLimits limits) {
        var shorter = limits.publishTimeout().compareTo(limits.idleTimeout()) < 0
                ? limits.publishTimeout()
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
            RtmpConnection connection;
            try {
                connection = connectionOn(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            open.add(connection);
            for (var eviction : admission.arrived(connection)) {
                admission
                        .evictionLog()
                        .warn("RTMP connection from " + eviction.connection().address() + " closed: " + eviction.why());
                // Closing a TLS socket may write; never on the accepting thread.
                Thread.ofVirtual().start(() -> eviction.connection().close(eviction.why()));
            }
            try {
                connections.submit(() -> {
                    try {
                        connection.run();
                    } finally {
                        open.remove(connection);
                        admission.left(connection);
                    }
                });
            } catch (RejectedExecutionException e) {
                open.remove(connection);
                admission.left(connection);
                closeQuietly(socket); // the server is closing
            }
        }
    }

    private RtmpConnection connectionOn(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        // A per-read limit too; the deadlines above bound the whole wait for a publish, and each message after.
        socket.setSoTimeout(
                (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()));
        return new RtmpConnection(
                socket.getInputStream(),
                socket.getOutputStream(),
                socket,
                String.valueOf(socket.getRemoteSocketAddress()),
                Admission.addressGroup(socket.getInetAddress()),
                limits,
                publisher,
                admission);
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
        admission.evictionLog().flush();
        admission.strangerLog().flush();
    }

    /** Running out of file descriptors makes accept fail at once; without a pause this loop would spin. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connections open now, publishing or not. */
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
