package io.stagedoor.app.events;

import io.stagedoor.app.internal.Dialogs;
import io.stagedoor.app.internal.Forms;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The stream key page: what to type into OBS, the key (hidden, copy, rotate) and the viewer page. */
public final class StreamKeyView {

    private final StreamKeyViewModel model;
    private final Messages messages;
    private final VBox root = new VBox(12);

    public StreamKeyView(StreamKeyViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
        var title = new Label(messages.get("stream.title"));
        title.getStyleClass().add(Styles.TITLE);
        var help = new Label(messages.get("stream.help"));
        help.setWrapText(true);

        var server = copyable("streamServerUrl", "");
        server.textProperty().bind(model.serverUrlProperty());
        var copyServer = new Button(messages.get("stream.copy"));
        copyServer.setId("copyServerUrl");
        copyServer.setOnAction(e -> copy(model.serverUrlProperty().get()));

        var key = copyable("streamKey", "");
        key.textProperty().bind(model.shownKeyProperty());
        key.getStyleClass().add(Styles.SECRET);
        var reveal = new Button();
        reveal.setId("revealStreamKey");
        reveal.textProperty()
                .bind(model.revealedProperty().map(shown -> messages.get(shown ? "stream.hide" : "stream.show")));
        reveal.setOnAction(e -> model.toggleReveal());
        var copyKey = new Button(messages.get("stream.copy"));
        copyKey.setId("copyStreamKey");
        copyKey.setOnAction(e -> {
            copy(model.streamKeyProperty().get());
            model.copied();
        });
        var rotate = new Button(messages.get("stream.rotate"));
        rotate.setId("rotateStreamKey");
        rotate.getStyleClass().add(Styles.DANGER);
        rotate.disableProperty()
                .bind(model.busyProperty().or(model.streamKeyProperty().isEmpty()));
        rotate.setOnAction(e -> {
            if (Dialogs.confirm(
                    root,
                    messages.get("stream.rotate.confirm"),
                    messages.get("stream.rotate.text"),
                    messages.get("stream.rotate"),
                    messages.get("dialog.cancel"))) {
                model.rotateKey();
            }
        });

        var viewer = copyable("viewerPage", "");
        viewer.textProperty().bind(model.viewerPageUrlProperty());
        var open = new Button(messages.get("stream.openViewerPage"));
        open.setId("openViewerPage");
        open.setOnAction(e -> model.openViewerPage());

        var grid = Forms.grid();
        Forms.row(grid, messages.get("stream.server"), row(server, copyServer));
        Forms.row(grid, messages.get("stream.key"), row(key, reveal, copyKey, rotate));
        Forms.row(grid, messages.get("stream.keyCreated"), Forms.value("streamKeyCreated", model.keyCreatedProperty()));
        Forms.row(grid, messages.get("stream.viewerPage"), row(viewer, open));
        var secure = Forms.value("streamSecureServerUrl", model.secureServerUrlProperty());
        secure.visibleProperty().bind(model.secureServerUrlProperty().isNotEmpty());

        root.getChildren().addAll(title, help, grid, secure, Forms.message("streamMessage", model.messageProperty()));
        root.setPadding(new Insets(16));
    }

    public Node root() {
        return root;
    }

    private static TextField copyable(String id, String text) {
        var field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.setPrefColumnCount(28);
        HBox.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private static HBox row(Node... nodes) {
        var box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static void copy(String text) {
        var content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
