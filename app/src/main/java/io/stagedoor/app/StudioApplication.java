package io.stagedoor.app;

import io.stagedoor.app.broadcast.BroadcastView;
import io.stagedoor.app.events.EventsScreen;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Startup;
import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.app.localserver.LocalServer;
import io.stagedoor.app.monitor.MonitorView;
import io.stagedoor.app.sales.AttendeesView;
import io.stagedoor.app.shell.EventSelection;
import io.stagedoor.app.shell.MainWindow;
import io.stagedoor.app.shell.Screen;
import io.stagedoor.app.shell.ScreenFactory;
import io.stagedoor.app.shell.ShellViewModel;
import io.stagedoor.app.shell.Theme;
import io.stagedoor.app.shell.UrlOpener;
import io.stagedoor.app.shell.Workspace;
import io.stagedoor.app.start.SignedIn;
import io.stagedoor.app.start.StartView;
import io.stagedoor.app.start.StartViewModel;
import io.stagedoor.app.start.StudioSettings;
import io.stagedoor.app.start.TokenStore;
import io.stagedoor.app.start.TokenStores;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StartupException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop composition root: starts the local server (unless told to use another), then shows the start flow
 * and, once the organiser is in, the workspace with its screens; closes everything in reverse when the window
 * closes or the process is stopped.
 */
public final class StudioApplication extends Application {

    private static final Logger log = LoggerFactory.getLogger(StudioApplication.class);

    private LaunchOptions options = new LaunchOptions(null, List.of(), false);
    private volatile @Nullable LocalServer localServer;
    private volatile @Nullable String localServerProblem;
    private @Nullable Thread localServerStart;
    /** Completes when the local server has started or failed to; started from {@link #init()}. */
    private final CompletableFuture<Void> localServerSettled = new CompletableFuture<>();

    private final Label statusBar = new Label();
    private boolean windowShown;
    private boolean serverReady;
    private boolean announced;
    private @Nullable ExecutorService background;
    private @Nullable StudioSettings settings;
    private @Nullable TokenStore tokens;
    private Messages messages = Messages.load();
    private final BorderPane root = new BorderPane();
    private @Nullable SignedIn session;
    private @Nullable ShellViewModel shell;
    private Theme theme = Theme.LIGHT;

    /** What the workspace's screens hold that must be released with the workspace (a broadcast still running). */
    private final List<Runnable> closeWithWorkspace = new ArrayList<>();

    /**
     * The workspace's screens, in the navigation's order. The monitor shows this machine's encoder beside the
     * server's view, so it is built from the broadcast screen.
     */
    private List<ScreenFactory> screens() {
        var broadcast = new ArrayList<BroadcastView>(1);
        return List.of(
                workspace -> new EventsScreen(workspace, AttendeesView.saveDialog(workspace.messages())),
                workspace -> {
                    var view = new BroadcastView(
                            workspace.client(),
                            workspace.selectedEvent(),
                            workspace.background(),
                            workspace.ui(),
                            BroadcastView.bundle(Locale.getDefault()));
                    broadcast.add(view);
                    closeWithWorkspace.add(view::close);
                    return Screen.of(view.root(), "nav.broadcast", view::shown, view::hidden);
                },
                workspace -> {
                    var texts = BroadcastView.bundle(Locale.getDefault());
                    var view = broadcast.isEmpty()
                            ? new MonitorView(
                                    workspace.client(),
                                    workspace.selectedEvent(),
                                    workspace.background(),
                                    workspace.ui(),
                                    texts)
                            : new MonitorView(
                                    workspace.client(),
                                    workspace.selectedEvent(),
                                    workspace.background(),
                                    workspace.ui(),
                                    texts,
                                    broadcast.getFirst().localStats());
                    closeWithWorkspace.add(view::close);
                    return Screen.of(view.root(), "nav.monitor", view::shown, view::hidden);
                });
    }

    private void closeWorkspaceScreens() {
        for (var close : closeWithWorkspace) {
            try {
                close.run();
            } catch (RuntimeException e) {
                log.warn("A screen did not close cleanly", e);
            }
        }
        closeWithWorkspace.clear();
    }

    /**
     * Runs before the window exists, off the FX thread: the local server begins to start (database, ingest, HTTP: the
     * longest part of start-up, so it runs beside JavaFX building the window), then settings and the choice of token
     * store (a keyring may be slow).
     */
    @Override
    public void init() {
        options = LaunchOptions.parse(getParameters().getRaw());
        if (options.serverUrl() == null) {
            localServerStart = Thread.ofPlatform()
                    .name("stagedoor-local-server-start")
                    .start(() -> {
                        try {
                            startLocalServer();
                        } finally {
                            localServerSettled.complete(null);
                        }
                    });
        } else {
            localServerSettled.complete(null);
        }
        background = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("studio-background-", 0).factory());
        var studioSettings = StudioSettings.load(StudioSettings.defaultDirectory());
        settings = studioSettings;
        theme = studioSettings.theme().map(Theme::valueOf).orElse(Theme.LIGHT);
        tokens = TokenStores.forThisUser(studioSettings.directory());
    }

    /**
     * Shows the window at once; the local server, started in {@link #init()}, may still be starting behind it, and the
     * start flow appears when it answers.
     */
    @Override
    public void start(Stage stage) {
        statusBar.setId("localServer");
        statusBar.setMaxWidth(Double.MAX_VALUE);
        statusBar.setWrapText(true);
        statusBar.getStyleClass().add(Styles.STATUS_BAR);
        root.setBottom(statusBar);

        var scene = new Scene(root, 1180, 760);
        theme.applyTo(scene);
        stage.setTitle(messages.get("app.name"));
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        stage.setScene(scene);
        stage.setOnShown(e -> {
            Startup.reached("window shown");
            if (options.smokeTest()) {
                SmokeTest.passed("window shown: " + stage.getTitle());
            }
            windowShown = true;
            announceWhenReady();
        });
        if (options.serverUrl() == null) {
            statusBar.setText(messages.get("bar.localServerStarting"));
            var starting = new Label(messages.get("start.localServerStarting"));
            starting.setId("localServerStarting");
            root.setCenter(starting);
            localServerSettled.thenRun(() -> UiThread.run(this::serverReady));
        } else {
            serverReady();
        }
        stage.show();
    }

    private void startLocalServer() {
        try {
            var server = LocalServer.start(options.serverFlags());
            localServer = server;
            // Application.stop() is not called when the process is terminated; this still closes the database.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stagedoor-local-server-stop"));
        } catch (StartupException e) {
            localServerProblem = e.getMessage();
            log.error("The local server could not start: {}", e.getMessage());
        } catch (RuntimeException e) {
            // A fault rather than a refusal: say so in the window, with the details in the log.
            localServerProblem = e.toString();
            log.error("The local server could not start", e);
        }
    }

    private void serverReady() {
        statusBar.setText(statusBarText());
        serverReady = true;
        announceWhenReady();
        showStart();
    }

    /** The line start-up checks wait for: the window is up and the server it works with is known. */
    private void announceWhenReady() {
        if (windowShown && serverReady && !announced) {
            announced = true;
            log.info("Stagedoor Studio window shown; {}", statusBarText());
            if (options.smokeTest()) {
                var server = localServer;
                var problem = localServerProblem;
                Thread.ofPlatform().name("smoke-test").start(() -> {
                    SmokeTest.run(server, problem, options.serverUrl());
                    Platform.exit();
                });
            }
        }
    }

    private void showStart() {
        var server = localServer;
        var model = new StartViewModel(
                server == null ? null : server.baseUri().toString(),
                url -> StagedoorClient.builder(url).build(),
                Objects.requireNonNull(tokens),
                Objects.requireNonNull(settings),
                new UiTasks(Objects.requireNonNull(background), UiThread.executor(), messages),
                Clock.systemUTC(),
                browser(),
                this::showWorkspace);
        if (options.serverUrl() != null) {
            model.useLocalServerProperty().set(false);
            model.serverUrlProperty().set(options.serverUrl());
        }
        root.setCenter(new StartView(model, messages).root());
        model.begin();
    }

    private void showWorkspace(SignedIn signedIn) {
        session = signedIn;
        var selection = new EventSelection();
        // Selected before the screens exist, so each starts on it: the editor, the broadcast screen's ingest.
        selection.select(signedIn.event());
        var workspace = new Workspace(
                signedIn.client(),
                signedIn.account(),
                selection,
                Objects.requireNonNull(background),
                UiThread.executor(),
                browser(),
                messages);
        var model = new ShellViewModel(
                screens().stream().map(factory -> factory.create(workspace)).toList(),
                theme,
                chosen -> {
                    theme = chosen;
                    Objects.requireNonNull(settings).rememberTheme(chosen.name());
                },
                this::signOut);
        shell = model;
        var window = new MainWindow(
                model, messages, signedIn.serverLabel(), signedIn.account().name());
        root.setCenter(window.root());
        model.showScreen(0);
    }

    /** Ends the session on the server and on this machine, then back to the start screen. */
    private void signOut() {
        var ended = session;
        session = null;
        if (shell != null) {
            shell.close();
        }
        shell = null;
        closeWorkspaceScreens();
        if (ended != null) {
            var store = Objects.requireNonNull(tokens);
            Objects.requireNonNull(background).execute(() -> {
                store.forget(ended.server());
                try {
                    ended.client().accounts().signOut();
                } catch (RuntimeException e) {
                    log.info("Signing out on the server failed; the session expires by itself: {}", e.getMessage());
                }
                ended.client().close();
            });
        }
        if (root.getScene() != null) {
            theme.applyTo(root.getScene());
        }
        showStart();
    }

    private UrlOpener browser() {
        var host = getHostServices();
        return host::showDocument;
    }

    private String statusBarText() {
        if (options.serverUrl() != null) {
            return messages.format("bar.remoteServer", options.serverUrl());
        }
        var server = localServer;
        if (server == null) {
            return messages.format("bar.localServerFailed", localServerProblem);
        }
        var text = messages.format("bar.localServer", server.baseUri(), server.dataDir());
        return server.notice().map(notice -> text + " · " + notice).orElse(text);
    }

    @Override
    public void stop() throws InterruptedException {
        if (localServerStart != null) {
            // A server still starting is closed once it is up, not left running.
            localServerStart.join(Duration.ofMinutes(1));
        }
        if (shell != null) {
            shell.close();
        }
        closeWorkspaceScreens();
        if (session != null) {
            session.client().close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        if (tokens != null) {
            tokens.close();
        }
        if (localServer != null) {
            localServer.close();
        }
    }
}
