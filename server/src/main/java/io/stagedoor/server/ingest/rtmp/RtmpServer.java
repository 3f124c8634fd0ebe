package io.stagedoor.server.ingest.rtmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts RTMP (or, with a TLS server socket factory, RTMPS) connections and runs each on a virtual thread. Port 0
 * picks a free port; {@link #port()} tells which.
 */
public final class RtmpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);

    private final ServerSocket listener;
    private final RtmpLimits limits;
    private final Publisher publisher;
    private final int maxConnections;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private RtmpServer(ServerSocket listener, RtmpLimits limits, Publisher publisher, int maxConnections) {
        this.listener = listener;
        this.limits = limits;
        this.publisher = publisher;
        this.maxConnections = maxConnections;
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

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    log.warn("RTMP accept failed: {}", e.getMessage());
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
            open.add(socket);
            connections.submit(() -> {
                try {
                    new RtmpConnection(socket, limits, publisher).run();
                } finally {
                    open.remove(socket);
                }
            });
        }
    }

    /** Connections open now. */
    public int connections() {
        return open.size();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(RtmpServer::closeQuietly);
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
