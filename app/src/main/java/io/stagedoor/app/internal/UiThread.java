package io.stagedoor.app.internal;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one door onto the JavaFX application thread. View-models hop through it; nothing else calls
 * {@link Platform#runLater} directly, so tests can swap it for a same-thread executor.
 */
public final class UiThread {

    private UiThread() {}

    /** Runs {@code task} on the FX thread: now if already there, else as soon as the thread is free. */
    public static void run(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    public static Executor executor() {
        return UiThread::run;
    }
}
