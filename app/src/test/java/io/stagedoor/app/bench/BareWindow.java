package io.stagedoor.app.bench;

import io.stagedoor.app.internal.Startup;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The reference for the start-up benchmark: the smallest JavaFX window, started the same way as the studio. */
public final class BareWindow extends Application {

    public static void main(String[] args) {
        launch(BareWindow.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Hello"), 1180, 760));
        stage.setOnShown(e -> Startup.reached("window shown"));
        stage.show();
    }
}
