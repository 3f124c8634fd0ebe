package io.stagedoor.server.signals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals within this server: {@link #send} runs every listener of the signal at once, on the sender's thread, and
 * wakes every thread {@linkplain #await waiting} for that ID. Listeners must be quick and must not throw (a listener
 * that does is logged and the others still run). Thread-safe.
 */
public final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private final Map<Signal, List<Consumer<UUID>>> listeners = new ConcurrentHashMap<>();
    private final Map<Key, Beat> beats = new ConcurrentHashMap<>();

    private record Key(Signal signal, UUID id) {}

    /** How many times one ID's signal was sent, and a way to wait for the next. */
    private static final class Beat {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        long version;
    }

    /** Tells everyone that {@code id} changed. */
    public void send(Signal signal, UUID id) {
        var beat = beats.get(new Key(signal, id));
        if (beat != null) {
            beat.lock.lock();
            try {
                beat.version++;
                beat.changed.signalAll();
            } finally {
                beat.lock.unlock();
            }
        }
        for (var listener : listeners.getOrDefault(signal, List.of())) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                log.error("A listener of {} failed for {}", signal, id, e);
            }
        }
    }

    /** Calls {@code listener} with the ID each time {@code signal} is sent, until the returned handle is closed. */
    public AutoCloseable listen(Signal signal, Consumer<UUID> listener) {
        var list = listeners.computeIfAbsent(signal, s -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** The number of times {@code signal} was sent for {@code id} so far, to pass to {@link #await}. */
    public long version(Signal signal, UUID id) {
        var beat = beat(signal, id);
        beat.lock.lock();
        try {
            return beat.version;
        } finally {
            beat.lock.unlock();
        }
    }

    /**
     * Waits until {@code signal} is sent for {@code id} after {@code seen} (a {@link #version}), or {@code atMost}
     * passes. Returns the version now: greater than {@code seen} when it was sent.
     */
    public long await(Signal signal, UUID id, long seen, Duration atMost) throws InterruptedException {
        var beat = beat(signal, id);
        long nanos = atMost.toNanos();
        beat.lock.lock();
        try {
            while (beat.version == seen && nanos > 0) {
                nanos = beat.changed.awaitNanos(nanos);
            }
            return beat.version;
        } finally {
            beat.lock.unlock();
        }
    }

    private Beat beat(Signal signal, UUID id) {
        return beats.computeIfAbsent(new Key(signal, id), key -> new Beat());
    }
}
