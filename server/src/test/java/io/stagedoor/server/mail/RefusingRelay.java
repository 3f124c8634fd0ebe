package io.stagedoor.server.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An SMTP relay in front of GreenMail that refuses the recipients it is told to with {@code 550}, as a real mail
 * server refuses an unknown mailbox (GreenMail takes every recipient). Every other line goes through to GreenMail and
 * back untouched. Jakarta Mail sends one command at a time and waits for its answer, which this relies on.
 */
final class RefusingRelay implements AutoCloseable {

    private static final Pattern RCPT = Pattern.compile("RCPT TO:\\s*<([^>]*)>.*", Pattern.CASE_INSENSITIVE);

    private final int upstreamPort;
    private final ServerSocket listener;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    RefusingRelay(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::acceptConnections);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, answers {@code RCPT TO} for this address with 550 (mailbox unknown). */
    void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /** The mailbox now exists: the address goes through again. */
    void accept(String address) {
        refused.remove(address.toLowerCase(Locale.ROOT));
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                threads.submit(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                var server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            var toClient = client.getOutputStream();
            threads.submit(() -> pump(server, toClient));
            var toServer = server.getOutputStream();
            var fromClient =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            boolean inData = false;
            String line;
            while ((line = fromClient.readLine()) != null) {
                var rcpt = RCPT.matcher(line);
                if (!inData && rcpt.matches() && refused.contains(rcpt.group(1).toLowerCase(Locale.ROOT))) {
                    write(toClient, "550 5.1.1 <" + rcpt.group(1) + ">: Recipient address rejected: User unknown\r\n");
                    continue;
                }
                if (inData && line.equals(".")) {
                    inData = false;
                } else if (!inData && line.equalsIgnoreCase("DATA")) {
                    inData = true;
                }
                toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
            }
        } catch (IOException e) {
            // a side hung up: the conversation is over
        }
    }

    /** GreenMail's answers, back to the client as they come. */
    private static Void pump(Socket server, OutputStream toClient) {
        try {
            var in = server.getInputStream();
            var buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (toClient) {
                    toClient.write(buffer, 0, read);
                    toClient.flush();
                }
            }
        } catch (IOException e) {
            // a side hung up
        }
        return null;
    }

    private static void write(OutputStream toClient, String reply) throws IOException {
        synchronized (toClient) {
            toClient.write(reply.getBytes(StandardCharsets.ISO_8859_1));
            toClient.flush();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
