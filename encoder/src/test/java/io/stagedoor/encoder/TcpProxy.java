package io.stagedoor.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a server, for cutting the network: {@link #cut} closes every connection and turns new ones
 * away (accepted, then closed at once) until the cut is over.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile long cutUntilNanos;

    TcpProxy(int targetPort) throws IOException {
        this(targetPort, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** @param server where clients connect, e.g. a TLS server socket, so the proxy ends TLS in front of the server */
    TcpProxy(int targetPort, ServerSocket server) {
        this.targetPort = targetPort;
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("proxy-accept").daemon().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes received from clients and passed on to the server, so far: what the receiving end got. */
    long upstreamBytes() {
        return upstreamBytes.get();
    }

    /** Connections clients opened to the proxy so far. */
    long accepted() {
        return accepted.get();
    }

    void cut(Duration duration) {
        cutUntilNanos = System.nanoTime() + duration.toNanos();
        for (var socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private boolean isCut() {
        return System.nanoTime() < cutUntilNanos;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                accepted.incrementAndGet();
                if (isCut()) {
                    closeQuietly(client);
                    continue;
                }
                var upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, upstreamBytes);
                pump(upstream, client, new AtomicLong());
            } catch (IOException e) {
                // The server socket closed, or one connection failed; the loop decides.
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread.ofPlatform().name("proxy-pump").daemon().start(() -> {
            byte[] buffer = new byte[64 << 10];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    counter.addAndGet(n);
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // Cut or closed: end both directions.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (var socket : open) {
            closeQuietly(socket);
        }
    }
}
