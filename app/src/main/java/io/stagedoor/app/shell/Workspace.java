package io.stagedoor.app.shell;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.client.StagedoorClient;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a screen gets from the shell once the organiser has signed in: the only way screens reach the server, the
 * threads and the shared selection.
 *
 * @param client signed in as {@code organiser}; owned by the shell, never closed by a screen
 * @param organiser who is signed in
 * @param events the event being worked on, shared by all screens
 * @param background for network and encoder work; never the FX thread
 * @param ui runs on the FX thread ({@code UiThread.executor()} in the app, a same-thread executor in tests)
 * @param browser opens addresses such as the viewer page
 * @param messages the studio's strings; screens of other features may load bundles of their own
 */
public record Workspace(
        StagedoorClient client,
        Account organiser,
        EventSelection events,
        Executor background,
        Executor ui,
        UrlOpener browser,
        Messages messages) {

    /** The event being worked on, read-only; follow it with a listener while shown. */
    public ReadOnlyObjectProperty<@Nullable Event> selectedEvent() {
        return events.selectedProperty();
    }

    public ResourceBundle bundle() {
        return messages.bundle();
    }

    /** Background work whose result (or a short message for the user) arrives on the UI executor. */
    public UiTasks tasks() {
        return new UiTasks(background, ui, messages);
    }

    /** The public page of an event, where buyers buy and the ticket links lead. */
    public String viewerPageUrl(Event event) {
        return client.baseUri().resolve("e/" + event.slug()).toString();
    }
}
