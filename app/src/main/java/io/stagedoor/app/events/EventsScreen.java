package io.stagedoor.app.events;

import io.stagedoor.app.internal.Forms;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.Tables;
import io.stagedoor.app.sales.AttendeesView;
import io.stagedoor.app.sales.AttendeesViewModel;
import io.stagedoor.app.sales.SalesDashboardView;
import io.stagedoor.app.sales.SalesDashboardViewModel;
import io.stagedoor.app.shell.Screen;
import io.stagedoor.app.shell.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The organiser's workspace: the events on the left; on the right the selected event's editor, sales dashboard,
 * attendees and stream key. Ctrl+N starts a new event, Ctrl+S saves it, F5 reloads, Ctrl+F searches attendees.
 */
public final class EventsScreen implements Screen {

    static final Duration DASHBOARD_REFRESH = Duration.seconds(5);

    private final Workspace workspace;
    private final Messages messages;
    private final EventsViewModel events;
    private final EventEditorViewModel editor;
    private final SalesDashboardViewModel dashboard;
    private final AttendeesViewModel attendees;
    private final StreamKeyViewModel streamKey;
    private final AttendeesView attendeesView;
    private final SplitPane root;
    private final TabPane tabs = new TabPane();
    private final Tab editorTab;
    private final Tab salesTab;
    private final Tab attendeesTab;
    private final Tab streamTab;
    private final Timeline dashboardRefresh;
    private final Map<KeyCombination, Runnable> shortcuts;
    private boolean visible;

    /** @param csvTarget asks where to save an attendees CSV; null when the user cancels */
    public EventsScreen(Workspace workspace, Function<Window, @Nullable Path> csvTarget) {
        this(workspace, csvTarget, EventEditorView.openImageDialog(workspace.messages()));
    }

    /**
     * @param csvTarget asks where to save an attendees CSV; null when the user cancels
     * @param coverSource asks for an event's cover image; null when the user cancels
     */
    public EventsScreen(
            Workspace workspace,
            Function<Window, @Nullable Path> csvTarget,
            Function<Window, @Nullable Path> coverSource) {
        this.workspace = workspace;
        this.messages = workspace.messages();
        this.events = new EventsViewModel(workspace);
        this.editor = new EventEditorViewModel(workspace, events::refresh);
        this.dashboard = new SalesDashboardViewModel(workspace);
        this.attendees = new AttendeesViewModel(workspace);
        this.streamKey = new StreamKeyViewModel(workspace);
        this.attendeesView = new AttendeesView(attendees, messages, csvTarget);

        editorTab = tab("tab-editor", "tabs.event", new EventEditorView(editor, messages, coverSource).root());
        salesTab = tab("tab-sales", "tabs.sales", new SalesDashboardView(dashboard, messages).root());
        attendeesTab = tab("tab-attendees", "tabs.attendees", attendeesView.root());
        streamTab = tab("tab-stream", "tabs.stream", new StreamKeyView(streamKey, messages).root());
        tabs.setId("eventTabs");
        tabs.getTabs().setAll(editorTab, salesTab, attendeesTab, streamTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (var tab : List.of(salesTab, attendeesTab, streamTab)) {
            tab.disableProperty().bind(workspace.selectedEvent().isNull());
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> loadTab());
        workspace.selectedEvent().addListener((obs, old, event) -> {
            if (event == null) {
                tabs.getSelectionModel().select(editorTab);
            } else if (old == null || !old.id().equals(event.id())) {
                loadTab();
            }
        });

        root = new SplitPane(eventList(), tabs);
        root.setDividerPositions(0.42);
        root.setId("eventsScreen");

        dashboardRefresh = new Timeline(new KeyFrame(DASHBOARD_REFRESH, e -> dashboard.refresh()));
        dashboardRefresh.setCycleCount(Timeline.INDEFINITE);
        shortcuts = Map.of(
                new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newEvent,
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), editor::save,
                new KeyCodeCombination(KeyCode.F5), this::reload,
                new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::searchAttendees);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public String titleKey() {
        return "nav.events";
    }

    @Override
    public void shown() {
        visible = true;
        events.refresh();
        loadTab();
        var scene = root.getScene();
        if (scene != null) {
            scene.getAccelerators().putAll(shortcuts);
        } else {
            root.sceneProperty().addListener((obs, old, now) -> addShortcuts(now));
        }
    }

    @Override
    public void hidden() {
        visible = false;
        dashboardRefresh.stop();
        var scene = root.getScene();
        if (scene != null) {
            shortcuts.keySet().forEach(scene.getAccelerators()::remove);
        }
    }

    private void addShortcuts(@Nullable Scene scene) {
        if (scene != null && visible) {
            scene.getAccelerators().putAll(shortcuts);
        }
    }

    private Node eventList() {
        var title = new Label(messages.get("events.title"));
        title.getStyleClass().add(Styles.TITLE);
        var table = Tables.of(
                "events",
                events.rows(),
                messages.get("events.none"),
                Tables.column(messages.get("events.event"), EventRow::title),
                Tables.column(messages.get("events.status"), EventRow::status),
                Tables.column(messages.get("events.start"), EventRow::startsAt),
                Tables.column(messages.get("events.sold"), EventRow::soldOfQuota),
                Tables.column(messages.get("events.revenue"), EventRow::revenue));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                events.select(row);
            }
        });
        // New rows after a reload: keep the selected event selected.
        events.rows().addListener((javafx.collections.ListChangeListener<EventRow>) change -> {
            var row = events.selectedRow();
            if (row != null) {
                table.getSelectionModel().select(row);
            }
        });
        workspace.selectedEvent().addListener((obs, old, event) -> {
            if (event == null) {
                table.getSelectionModel().clearSelection();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        var create = new Button(messages.get("events.new"));
        create.setId("newEvent");
        create.setOnAction(e -> newEvent());
        var refresh = new Button(messages.get("events.refresh"));
        refresh.setId("refreshEvents");
        refresh.setOnAction(e -> reload());
        // Words, not a spinner: an animation would redraw the window on every pulse while loading.
        var loading = new Label(messages.get("events.loading"));
        loading.getStyleClass().add(Styles.FIELD_LABEL);
        loading.visibleProperty().bind(events.loadingProperty());
        var tools = new HBox(8, create, refresh, loading);
        tools.setAlignment(Pos.CENTER_LEFT);
        var box = new VBox(12, title, tools, table, Forms.message("eventsMessage", events.messageProperty()));
        box.setPadding(new Insets(16));
        box.setMinWidth(320);
        return box;
    }

    private void newEvent() {
        events.newEvent();
        tabs.getSelectionModel().select(editorTab);
    }

    private void reload() {
        events.refresh();
        editor.reload();
        loadTab();
    }

    private void searchAttendees() {
        if (workspace.selectedEvent().get() != null) {
            tabs.getSelectionModel().select(attendeesTab);
            attendeesView.focusSearch();
        }
    }

    /** Loads what the tab in front shows; the dashboard keeps refreshing while it is in front. */
    private void loadTab() {
        var tab = tabs.getSelectionModel().getSelectedItem();
        if (!visible) {
            return;
        }
        if (tab == salesTab) {
            dashboard.refresh();
            dashboardRefresh.play();
        } else {
            dashboardRefresh.stop();
        }
        if (tab == attendeesTab) {
            attendees.refresh();
        } else if (tab == streamTab) {
            streamKey.load();
        }
    }

    private Tab tab(String id, String key, Node content) {
        var tab = new Tab(messages.get(key), content);
        tab.setId(id);
        return tab;
    }
}
