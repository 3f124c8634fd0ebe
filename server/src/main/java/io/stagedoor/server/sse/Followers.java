package io.stagedoor.server.sse;

import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts the server-sent event streams open now, per client address, per event and in all, and refuses one more
 * beyond a limit (429 with {@code Retry-After}), so that nobody can hold every thread and socket by opening streams:
 * each one lasts as long as its client stays.
 *
 * @see io.stagedoor.server.config.EventStreamLimits
 */
public final class Followers {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final int perAddress;
    private final int perEvent;
    private final int total;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private final Map<UUID, Integer> byEvent = new HashMap<>();
    private int open;

    public Followers(int perAddress, int perEvent, int total) {
        this.perAddress = perAddress;
        this.perEvent = perEvent;
        this.total = total;
    }

    /** One open stream; closing it makes room for another. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot for a stream about {@code eventId} from {@code address}.
     *
     * @throws TooManyRequestsException when that address, that event or the server has as many open as allowed
     */
    public synchronized Slot admit(String address, UUID eventId) {
        if (byAddress.getOrDefault(address, 0) >= perAddress) {
            throw refused("Too many live updates are open from your network address (" + perAddress
                    + "). Close some of its pages and try again.");
        }
        if (byEvent.getOrDefault(eventId, 0) >= perEvent || open >= total) {
            throw refused("The server is following as many pages as it can. Try again in a few seconds.");
        }
        byAddress.merge(address, 1, Integer::sum);
        byEvent.merge(eventId, 1, Integer::sum);
        open++;
        return new Slot() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (Followers.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    byAddress.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
                    byEvent.computeIfPresent(eventId, (k, n) -> n > 1 ? n - 1 : null);
                    open--;
                }
            }
        };
    }

    /** Streams open now, for monitoring. */
    public synchronized int open() {
        return open;
    }

    private static TooManyRequestsException refused(String detail) {
        return new TooManyRequestsException(detail, RETRY_AFTER);
    }
}
