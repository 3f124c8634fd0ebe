package io.stagedoor.app.connection;

import io.stagedoor.api.Health;
import io.stagedoor.app.internal.Durations;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.client.StagedoorClientException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The studio's link to a Stagedoor server: the address the user typed, and what the server last said about its
 * health. Requests run on the background executor; results are applied through the UI executor, so properties
 * only ever change on the FX thread.
 */
public final class ServerConnectionViewModel implements AutoCloseable {

    private final StringProperty serverUrl = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.IDLE);
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper serverVersion = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper("—");

    private final Function<String, StagedoorClient> clients;
    private final Executor background;
    private final Executor ui;

    private @Nullable StagedoorClient client;
    private int generation;

    /**
     * @param clients builds a client for an address; throws {@link IllegalArgumentException} for one that is not
     *     valid
     */
    public ServerConnectionViewModel(Function<String, StagedoorClient> clients, Executor background, Executor ui) {
        this.clients = clients;
        this.background = background;
        this.ui = ui;
    }

    /** The address the user edits, e.g. {@code http://127.0.0.1:8080}. */
    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** One sentence for the user: what is happening or what went wrong. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverVersionProperty() {
        return serverVersion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    /** Connects to the address in {@link #serverUrlProperty()}, replacing any earlier connection. */
    public void connect() {
        var url = serverUrl.get() == null ? "" : serverUrl.get().strip();
        StagedoorClient next;
        try {
            next = clients.apply(url);
        } catch (IllegalArgumentException e) {
            closeClient();
            generation++;
            clearHealth();
            state.set(ConnectionState.FAILED);
            statusMessage.set(e.getMessage());
            return;
        }
        closeClient();
        client = next;
        state.set(ConnectionState.CONNECTING);
        statusMessage.set("Connecting to " + next.baseUri() + " …");
        check(next, ++generation);
    }

    /** Asks the connected server for fresh health; does nothing when no connection was made. */
    public void refresh() {
        var current = client;
        if (current != null && state.get() != ConnectionState.CONNECTING) {
            check(current, generation);
        }
    }

    private void check(StagedoorClient target, int requestGeneration) {
        background.execute(() -> {
            try {
                var health = target.health();
                ui.execute(() -> {
                    if (requestGeneration == generation) {
                        show(target, health);
                    }
                });
            } catch (StagedoorClientException e) {
                ui.execute(() -> {
                    if (requestGeneration == generation) {
                        clearHealth();
                        state.set(ConnectionState.FAILED);
                        statusMessage.set(e.getMessage());
                    }
                });
            }
        });
    }

    private void show(StagedoorClient target, Health health) {
        serverVersion.set(health.version());
        uptime.set(Durations.humanized(Duration.ofSeconds(health.uptimeSeconds())));
        var db = health.database();
        if (db.ok()) {
            // The product and schema are told to the platform administrator only; others learn that it answers.
            database.set("OK" + (db.product() == null ? "" : " · " + db.product())
                    + (db.schemaVersion() == null ? "" : " · schema " + db.schemaVersion()));
            state.set(ConnectionState.CONNECTED);
            statusMessage.set("Connected to " + target.baseUri());
        } else {
            database.set(db.error() == null ? "Not answering" : "Not answering: " + db.error());
            state.set(ConnectionState.DEGRADED);
            statusMessage.set("Connected to " + target.baseUri() + ", but its database is not answering");
        }
    }

    private void clearHealth() {
        serverVersion.set("—");
        uptime.set("—");
        database.set("—");
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void close() {
        generation++;
        closeClient();
    }
}
