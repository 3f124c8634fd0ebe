package io.stagedoor.server.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts shows on air by themselves at their start time, for organisers who asked for that ({@code autoStart}). Looks
 * once a {@code tick}, on the server's clock; the viewers of a show it starts switch to the player at once.
 */
public final class ShowClock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShowClock.class);

    private final EventService events;
    private final Duration tick;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("show-clock").daemon().factory());

    public ShowClock(EventService events, Duration tick) {
        this.events = events;
        this.tick = tick;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tickQuietly, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the shows that are due now; returns their IDs. */
    public List<UUID> runOnce() {
        var started = events.startDueShows();
        started.forEach(eventId -> log.info("Event {}: on air by itself at its start time", eventId));
        return started;
    }

    /** Runs on the timer, which stops for good if a run throws. */
    private void tickQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("Starting due shows failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
