package io.stagedoor.app;

import io.stagedoor.app.connection.ServerConnectionView;
import io.stagedoor.app.connection.ServerConnectionViewModel;
import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.app.localserver.LocalServer;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StartupException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop composition root: starts the local server (unless told to use another), builds the screens with
 * their view-models, and closes everything in reverse when the window closes or the process is stopped.
 */
public final class StudioApplication extends Application {

    private static final Logger log = LoggerFactory.getLogger(StudioApplication.class);

    private LaunchOptions options = new LaunchOptions(null, List.of());
    private @Nullable LocalServer localServer;
    private @Nullable String localServerProblem;
    private @Nullable ExecutorService background;
    private @Nullable ServerConnectionViewModel connection;

    /** Runs before the window exists, off the FX thread: the right place for the server's slow start. */
    @Override
    public void init() {
        options = LaunchOptions.parse(getParameters().getRaw());
        background = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("studio-background-", 0).factory());
        if (options.serverUrl() == null) {
            try {
                var server = LocalServer.start(options.serverFlags());
                localServer = server;
                // Application.stop() is not called when the process is terminated; this still closes the database.
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stagedoor-local-server-stop"));
            } catch (StartupException e) {
                localServerProblem = e.getMessage();
                log.error("The local server could not start: {}", e.getMessage());
            }
        }
    }

    @Override
    public void start(Stage stage) {
        var model = new ServerConnectionViewModel(
                url -> StagedoorClient.builder(url).build(), Objects.requireNonNull(background), UiThread.executor());
        connection = model;

        var statusBar = new Label(statusBarText());
        statusBar.setId("localServer");
        statusBar.setMaxWidth(Double.MAX_VALUE);
        statusBar.setWrapText(true);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);

        var root = new BorderPane(new ServerConnectionView(model).root());
        root.setBottom(statusBar);
        var scene = new Scene(root, 760, 480);
        scene.getStylesheets()
                .add(Objects.requireNonNull(getClass().getResource(Styles.STYLESHEET))
                        .toExternalForm());

        stage.setTitle("Stagedoor Studio");
        stage.setMinWidth(520);
        stage.setMinHeight(360);
        stage.setScene(scene);
        stage.setOnShown(e -> log.info("Stagedoor Studio window shown; {}", statusBarText()));
        stage.show();

        var target = options.serverUrl() != null
                ? options.serverUrl()
                : localServer != null ? localServer.baseUri().toString() : null;
        if (target != null) {
            model.serverUrlProperty().set(target);
            model.connect();
        }
    }

    private String statusBarText() {
        if (options.serverUrl() != null) {
            return "No local server: this studio works with " + options.serverUrl();
        }
        if (localServer == null) {
            return "The local server could not start. " + localServerProblem;
        }
        var text = "Local server at " + localServer.baseUri() + " · data in " + localServer.dataDir();
        return localServer.notice().map(notice -> text + " · " + notice).orElse(text);
    }

    @Override
    public void stop() {
        if (connection != null) {
            connection.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        if (localServer != null) {
            localServer.close();
        }
    }
}
