package io.stagedoor.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.testing.ServerExtension;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The view-model against a real server. Background work is queued and run by the test, and UI updates happen on
 * the calling thread, so each step can be observed without the FX toolkit.
 */
class ServerConnectionViewModelIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Executor direct = Runnable::run;
    private final ServerConnectionViewModel model = new ServerConnectionViewModel(
            url -> StagedoorClient.builder(url).maxRetries(0).build(), background::add, direct);

    @AfterEach
    void closeModel() {
        model.close();
    }

    private void runBackgroundWork() {
        Runnable task;
        while ((task = background.poll()) != null) {
            task.run();
        }
    }

    @Test
    void connectingShowsTheServersHealth() {
        model.serverUrlProperty().set(server.baseUri().toString());

        model.connect();
        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(model.statusMessageProperty().get()).isEqualTo("Connecting to " + server.baseUri() + " …");
        runBackgroundWork();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(model.statusMessageProperty().get()).isEqualTo("Connected to " + server.baseUri());
        assertThat(model.serverVersionProperty().get()).isEqualTo(BuildInfo.version());
        assertThat(model.databaseProperty().get())
                .as("the open health answer says the database answers, not what it is")
                .isEqualTo("OK");
        assertThat(model.uptimeProperty().get()).matches("\\d+ s|\\d+ min \\d+ s");
    }

    @Test
    void anInvalidAddressIsExplainedWithoutAnyRequest() {
        model.serverUrlProperty().set("localhost:8080");

        model.connect();

        assertThat(background).isEmpty();
        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(model.statusMessageProperty().get())
                .isEqualTo("Not a server address: \"localhost:8080\". Use an address like http://localhost:8080");
    }

    @Test
    void anUnreachableServerIsReportedAndItsOldHealthCleared() throws Exception {
        model.serverUrlProperty().set(server.baseUri().toString());
        model.connect();
        runBackgroundWork();
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        model.serverUrlProperty().set("http://127.0.0.1:" + closedPort);
        model.connect();
        runBackgroundWork();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(model.statusMessageProperty().get())
                .startsWith("Could not reach the Stagedoor server at http://127.0.0.1:" + closedPort + "/");
        assertThat(model.serverVersionProperty().get()).isEqualTo("—");
        assertThat(model.databaseProperty().get()).isEqualTo("—");
    }

    @Test
    void anAnswerToAnEarlierAttemptDoesNotOverwriteTheLatest() {
        model.serverUrlProperty().set("http://127.0.0.1:1");
        model.connect();
        var staleAttempt = background.poll();
        model.serverUrlProperty().set(server.baseUri().toString());
        model.connect();

        runBackgroundWork();
        staleAttempt.run();

        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void refreshAsksAgainOnlyWhenConnected() {
        model.refresh();
        assertThat(background).isEmpty();

        model.serverUrlProperty().set(server.baseUri().toString());
        model.connect();
        runBackgroundWork();
        model.refresh();

        assertThat(background).hasSize(1);
        runBackgroundWork();
        assertThat(model.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }
}
