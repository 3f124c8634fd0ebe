package io.stagedoor.server.archfixture;

import javafx.scene.control.Label;

/** Breaks "JavaFX only in the app", for ArchitectureRulesBiteTest. */
public class ServerThatShowsAWindow {
    Label label() {
        return new Label("a server has no window");
    }
}
