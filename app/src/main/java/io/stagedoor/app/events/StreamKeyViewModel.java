package io.stagedoor.app.events;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.live.StreamEndpoint;
import io.stagedoor.app.internal.Activity;
import io.stagedoor.app.shell.Workspace;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Where broadcasting software sends the selected event's stream: the ingest "Server" URL and the secret stream key
 * (hidden until asked for), a new key on request, and the event's public page.
 */
public final class StreamKeyViewModel {

    static final String HIDDEN = "••••••••••••••••";

    private final Workspace workspace;
    private final Activity activity;
    private final ReadOnlyStringWrapper serverUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secureServerUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper streamKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shownKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper keyCreated = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper viewerPageUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper revealed = new ReadOnlyBooleanWrapper();
    private @Nullable Event loadedFor;

    public StreamKeyViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.activity = new Activity(workspace.tasks());
        workspace.selectedEvent().addListener((obs, old, event) -> {
            if (event == null || old == null || !old.id().equals(event.id())) {
                clear();
            }
        });
    }

    /** For OBS's Settings → Stream → Server, e.g. {@code rtmp://host:1935/live}. */
    public ReadOnlyStringProperty serverUrlProperty() {
        return serverUrl.getReadOnlyProperty();
    }

    /** The RTMPS address when the server has a certificate, else empty. */
    public ReadOnlyStringProperty secureServerUrlProperty() {
        return secureServerUrl.getReadOnlyProperty();
    }

    /** The key itself, for copying. */
    public ReadOnlyStringProperty streamKeyProperty() {
        return streamKey.getReadOnlyProperty();
    }

    /** The key as the screen shows it: dots until revealed. */
    public ReadOnlyStringProperty shownKeyProperty() {
        return shownKey.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyCreatedProperty() {
        return keyCreated.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty viewerPageUrlProperty() {
        return viewerPageUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return activity.busyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return activity.messageProperty();
    }

    /** Fetches the endpoint of the selected event, unless it is already shown. */
    public void load() {
        var event = workspace.events().selected();
        if (event == null || (loadedFor != null && loadedFor.id().equals(event.id()))) {
            return;
        }
        activity.run(() -> workspace.client().streams().endpoint(event.id()), endpoint -> show(event, endpoint));
    }

    public void toggleReveal() {
        revealed.set(!revealed.get());
        shownKey.set(revealed.get() ? streamKey.get() : HIDDEN);
    }

    /** A new key; the old one stops working at once and a publisher using it is cut off. Ask first. */
    public void rotateKey() {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        activity.run(() -> workspace.client().streams().rotateKey(event.id()), endpoint -> {
            show(event, endpoint);
            activity.say(workspace.messages().get("stream.rotated"));
        });
    }

    public void openViewerPage() {
        var event = workspace.events().selected();
        if (event != null) {
            workspace.browser().open(workspace.viewerPageUrl(event));
        }
    }

    /** The key was put on the clipboard by the view. */
    public void copied() {
        activity.say(workspace.messages().get("stream.copied"));
    }

    private void show(Event event, StreamEndpoint endpoint) {
        loadedFor = event;
        serverUrl.set(endpoint.serverUrl());
        secureServerUrl.set(endpoint.secureServerUrl() == null ? "" : endpoint.secureServerUrl());
        streamKey.set(endpoint.streamKey());
        shownKey.set(revealed.get() ? endpoint.streamKey() : HIDDEN);
        keyCreated.set(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(workspace.messages().locale())
                .format(endpoint.keyCreatedAt().atZone(ZoneId.systemDefault())));
        viewerPageUrl.set(workspace.viewerPageUrl(event));
    }

    private void clear() {
        loadedFor = null;
        serverUrl.set("");
        secureServerUrl.set("");
        streamKey.set("");
        shownKey.set("");
        keyCreated.set("");
        viewerPageUrl.set("");
        revealed.set(false);
        activity.say("");
    }
}
