package io.stagedoor.app.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Coalesces repeated loads of the same figures: while one load runs, further requests collapse into one more load
 * after it, so a burst of refreshes costs at most two requests and the last answer shown is the newest.
 * Call from the UI thread.
 */
public final class LatestOnly<T> {

    private final UiTasks tasks;
    private final Supplier<T> load;
    private final Consumer<T> apply;
    private final Consumer<String> failed;
    private boolean running;
    private boolean again;

    public LatestOnly(UiTasks tasks, Supplier<T> load, Consumer<T> apply, Consumer<String> failed) {
        this.tasks = tasks;
        this.load = load;
        this.apply = apply;
        this.failed = failed;
    }

    public void request() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        tasks.submit(
                load,
                result -> finished(() -> apply.accept(result)),
                message -> finished(() -> failed.accept(message)));
    }

    private void finished(Runnable deliver) {
        running = false;
        deliver.run();
        if (again) {
            again = false;
            request();
        }
    }
}
