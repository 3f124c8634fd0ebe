package io.stagedoor.app.internal;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** Questions to the user before something that cannot be taken back. */
public final class Dialogs {

    private Dialogs() {}

    /**
     * Asks, in the owner's window and theme, whether to go ahead; true only when {@code confirm} was chosen. The
     * safe answer is the default one, so Enter does not destroy anything.
     */
    public static boolean confirm(Node owner, String header, String text, String confirm, String cancel) {
        var go = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        var stay = new ButtonType(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, text, stay, go);
        alert.setHeaderText(header);
        alert.setTitle(header);
        var scene = owner.getScene();
        if (scene != null) {
            alert.initOwner(scene.getWindow());
            alert.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        }
        var pane = alert.getDialogPane();
        pane.setId("confirmation");
        ((javafx.scene.control.Button) pane.lookupButton(go)).setDefaultButton(false);
        ((javafx.scene.control.Button) pane.lookupButton(stay)).setDefaultButton(true);
        pane.lookupButton(go).setId("confirm");
        return alert.showAndWait().filter(go::equals).isPresent();
    }
}
