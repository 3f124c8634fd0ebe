package io.stagedoor.app.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A view-model's requests as the user sees them: busy while one runs, then one sentence about how it went. Use
 * from the UI thread.
 */
public final class Activity {

    private final UiTasks tasks;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public Activity(UiTasks tasks) {
        this.tasks = tasks;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What happened last, good or bad; empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void say(String sentence) {
        message.set(sentence);
    }

    /** Runs {@code work} in the background, busy meanwhile; {@code done} gets the result, a failure is said. */
    public <T> void run(Supplier<T> work, Consumer<T> done) {
        busy.set(true);
        message.set("");
        tasks.submit(
                work,
                result -> {
                    busy.set(false);
                    done.accept(result);
                },
                problem -> {
                    busy.set(false);
                    message.set(problem);
                });
    }
}
