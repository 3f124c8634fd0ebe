package io.stagedoor.app.internal;

import io.stagedoor.client.StagedoorClientException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on the background executor and hands its result, or a short message for the user, to the UI executor.
 * The one place where a failure of the client becomes words on screen: the detail goes to the log once.
 */
public final class UiTasks {

    private static final Logger log = LoggerFactory.getLogger(UiTasks.class);

    private final Executor background;
    private final Executor ui;
    private final Messages messages;

    public UiTasks(Executor background, Executor ui, Messages messages) {
        this.background = background;
        this.ui = ui;
        this.messages = messages;
    }

    public Messages messages() {
        return messages;
    }

    /**
     * Runs {@code work} in the background; then, on the UI executor, {@code done} with its result or
     * {@code failed} with a sentence that explains the failure.
     */
    public <T> void submit(Supplier<T> work, Consumer<T> done, Consumer<String> failed) {
        background.execute(() -> {
            try {
                var result = work.get();
                ui.execute(() -> done.accept(result));
            } catch (StagedoorClientException e) {
                log.warn("Request failed: {}", e.getMessage(), e.getCause());
                var message = messages.of(e);
                ui.execute(() -> failed.accept(message));
            } catch (UncheckedIOException e) {
                log.warn("File operation failed", e);
                var message = messages.get("error.file");
                ui.execute(() -> failed.accept(message));
            } catch (RuntimeException e) {
                log.error("Background task failed", e);
                var message = messages.unexpected();
                ui.execute(() -> failed.accept(message));
            }
        });
    }

    /** As {@link #submit(Supplier, Consumer, Consumer)} for work without a result. */
    public void run(Runnable work, Runnable done, Consumer<String> failed) {
        submit(
                () -> {
                    work.run();
                    return Boolean.TRUE;
                },
                ignored -> done.run(),
                failed);
    }
}
