package io.stagedoor.app.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Hands values that stream in from other threads to the UI, the newest one winning: at most one hand-over is queued
 * at a time, and hand-overs are at least {@code minimumInterval} apart. Values offered in between replace each other,
 * so a busy UI thread sees fewer, never older, values. {@link #offer} may be called from any thread.
 */
public final class Coalescer<T> {

    private final Executor ui;
    private final Consumer<T> apply;
    private final long intervalNanos;
    private final AtomicReference<@Nullable T> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastAppliedNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean stopped;

    /**
     * @param ui where {@code apply} runs (the FX thread through {@link UiThread}, or the caller's thread in tests)
     * @param apply takes the newest value on the UI thread
     */
    public Coalescer(Executor ui, Duration minimumInterval, Consumer<T> apply) {
        this.ui = ui;
        this.apply = apply;
        this.intervalNanos = minimumInterval.toNanos();
    }

    public void offer(T value) {
        if (stopped) {
            return;
        }
        latest.set(value);
        if (pending.compareAndSet(false, true)) {
            long waitNanos = lastAppliedNanos + intervalNanos - System.nanoTime();
            if (waitNanos <= 0) {
                ui.execute(this::flush);
            } else {
                CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS, ui)
                        .execute(this::flush);
            }
        }
    }

    /** Drops what is waiting and ignores later offers: for when the screen no longer listens. */
    public void stop() {
        stopped = true;
        latest.set(null);
    }

    private void flush() {
        pending.set(false);
        var value = latest.getAndSet(null);
        if (value != null && !stopped) {
            lastAppliedNanos = System.nanoTime();
            apply.accept(value);
        }
    }
}
