package io.stagedoor.encoder.publish;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.flv.StreamHeaders;
import io.stagedoor.encoder.meter.BitrateMeter;
import io.stagedoor.encoder.rtmp.RtmpConnection;
import io.stagedoor.encoder.rtmp.RtmpOptions;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.media.flv.FlvTag;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the encoded stream to one RTMP URL from its own thread, and keeps doing so across lost connections: it
 * reconnects with backoff, sends the metadata and sequence headers again, and resumes video at a keyframe, while the
 * encoder goes on filling the {@link SendQueue}.
 *
 * <p>Lifecycle: {@link #connect()} once (fails fast on a wrong URL or key), then {@link #start()}, then {@link
 * #close()}.
 */
public final class StreamPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamPublisher.class);
    private static final long NO_BASE = Long.MIN_VALUE;

    /** Told about the connection coming and going; called on the publisher's thread. */
    public interface Listener {
        void connectionLost(String reason);

        void attemptFailed(String reason);

        void reconnected();
    }

    private final RtmpUrl url;
    private final RtmpOptions options;
    private final SendQueue queue;
    private final BitrateMeter meter;
    private final Clock clock;
    private final Listener listener;
    private final ReconnectBackoff backoff;
    private final Duration stallTimeout;
    private final Object lock = new Object();
    private final Thread thread;

    private final StreamHeaders headers = new StreamHeaders();

    private volatile @Nullable RtmpConnection connection;
    private volatile boolean running;
    private volatile long sendingSinceNanos;
    private boolean reconnectNowRequested;
    private long timestampBase = NO_BASE;
    private int attempts;
    private @Nullable Instant nextAttemptAt;
    private int outages;
    private @Nullable Instant outageSince;
    private Duration totalOutage = Duration.ZERO;
    private @Nullable String lastError;

    public StreamPublisher(
            RtmpUrl url,
            RtmpOptions options,
            ReconnectSettings reconnect,
            Duration stallTimeout,
            SendQueue queue,
            BitrateMeter meter,
            Clock clock,
            Listener listener) {
        this.url = url;
        this.options = options;
        this.queue = queue;
        this.meter = meter;
        this.clock = clock;
        this.listener = listener;
        this.stallTimeout = stallTimeout;
        this.backoff = new ReconnectBackoff(
                reconnect, () -> ThreadLocalRandom.current().nextDouble());
        this.thread = Thread.ofPlatform().name("publish " + url.host()).unstarted(this::run);
    }

    /**
     * The first connection, on the caller's thread.
     *
     * @throws EncoderException (an {@code IngestUnreachableException} or {@code StreamKeyRefusedException}) when it
     *     fails; nothing is retried
     */
    public void connect() {
        connection = RtmpConnection.publish(url, options, meter::count);
        timestampBase = 0;
        log.info("Publishing to {}", url.redacted());
    }

    /** Keeps a tag that every new connection needs first: the metadata or a sequence header. */
    public void header(FlvTag tag) {
        headers.keep(tag);
    }

    /** Starts sending; the headers should be in by now. */
    public void start() {
        running = true;
        thread.start();
    }

    /** Drops the current connection, if any, and tries again at once; or cuts short the wait for the next attempt. */
    public void reconnectNow() {
        synchronized (lock) {
            reconnectNowRequested = true;
            lock.notifyAll();
        }
        var current = connection;
        if (current != null) {
            current.abort("reconnecting on request");
        }
    }

    /** Ends a connection on which one send has been blocked longer than the stall timeout; call it now and then. */
    public void checkStalled() {
        long since = sendingSinceNanos;
        var current = connection;
        if (since != 0 && current != null && System.nanoTime() - since > stallTimeout.toNanos()) {
            log.warn("Nothing could be sent for {} s; dropping the connection", stallTimeout.toSeconds());
            current.abort("the network took nothing for " + stallTimeout.toSeconds() + " s");
        }
    }

    public PublisherStatus status() {
        synchronized (lock) {
            return new PublisherStatus(
                    connection != null, attempts, nextAttemptAt, outages, outageSince, totalOutage, lastError);
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        var current = connection;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive() && current != null) {
                current.abort("closing");
                try {
                    thread.join(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        current = connection;
        if (current != null) {
            current.close();
            connection = null;
        }
    }

    private void run() {
        try {
            sendHeaders();
            while (running) {
                var current = connection;
                if (current == null) {
                    reconnect();
                    continue;
                }
                try {
                    var tag = queue.poll(100);
                    if (tag == null) {
                        sendingSinceNanos = System.nanoTime();
                        current.flush();
                        sendingSinceNanos = 0;
                        continue;
                    }
                    if (timestampBase == NO_BASE) {
                        timestampBase = tag.timestampMillis();
                    }
                    sendingSinceNanos = System.nanoTime();
                    current.send(tag, Math.max(0, tag.timestampMillis() - timestampBase));
                    if (queue.size() == 0) {
                        current.flush();
                    }
                    sendingSinceNanos = 0;
                } catch (IOException e) {
                    sendingSinceNanos = 0;
                    lose(current, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendHeaders() {
        var current = connection;
        if (current == null) {
            return;
        }
        try {
            for (var tag : headers.inOrder()) {
                current.send(tag, 0);
            }
            current.flush();
        } catch (IOException e) {
            lose(current, e.getMessage());
        }
    }

    private void lose(RtmpConnection current, @Nullable String reason) {
        current.abort(String.valueOf(reason));
        synchronized (lock) {
            if (connection != current) {
                return;
            }
            connection = null;
            outages++;
            outageSince = clock.instant();
            lastError = "connection lost: " + reason;
        }
        log.warn("Lost the connection to {}: {}", url.redacted(), reason);
        listener.connectionLost(String.valueOf(reason));
    }

    private void reconnect() throws InterruptedException {
        Instant next;
        synchronized (lock) {
            var delay = reconnectNowRequested ? Duration.ZERO : backoff.nextDelay();
            next = clock.instant().plus(delay);
            nextAttemptAt = next;
            attempts = backoff.attempts();
            while (running && !reconnectNowRequested) {
                long waitMillis = Duration.between(clock.instant(), next).toMillis();
                if (waitMillis <= 0) {
                    break;
                }
                lock.wait(waitMillis);
            }
            reconnectNowRequested = false;
        }
        if (!running) {
            return;
        }
        log.info("Reconnecting to {} (attempt {})", url.redacted(), backoff.attempts());
        RtmpConnection fresh;
        try {
            fresh = RtmpConnection.publish(url, options, meter::count);
        } catch (EncoderException e) {
            synchronized (lock) {
                lastError = e.getMessage();
            }
            log.warn("Reconnection attempt failed: {}", e.getMessage());
            listener.attemptFailed(String.valueOf(e.getMessage()));
            return;
        }
        long keyframe = queue.resumeAtKeyframe();
        synchronized (lock) {
            connection = fresh;
            timestampBase = keyframe >= 0 ? keyframe : NO_BASE;
            var since = outageSince;
            if (since != null) {
                totalOutage = totalOutage.plus(Duration.between(since, clock.instant()));
            }
            outageSince = null;
            nextAttemptAt = null;
            attempts = 0;
            backoff.reset();
        }
        log.info("Reconnected to {}", url.redacted());
        sendHeaders();
        listener.reconnected();
    }
}
