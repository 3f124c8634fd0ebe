package io.stagedoor.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.internal.Styles;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.testing.ServerExtension;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connection screen driven like a user would, headless through Monocle, against a real server. */
@ExtendWith(ApplicationExtension.class)
class ServerConnectionViewIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private ServerConnectionViewModel model;

    @Start
    void start(Stage stage) {
        model = new ServerConnectionViewModel(
                url -> StagedoorClient.builder(url).maxRetries(0).build(), background, UiThread.executor());
        var scene = new Scene(new ServerConnectionView(model).root(), 700, 400);
        scene.getStylesheets()
                .add(Objects.requireNonNull(getClass().getResource(Styles.STYLESHEET))
                        .toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        model.close();
        background.shutdownNow();
    }

    private static Label label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private static void awaitStatus(FxRobot robot, String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(
                15,
                TimeUnit.SECONDS,
                () -> label(robot, "#connectionStatus").getText().startsWith(prefix));
    }

    @Test
    void typingTheAddressAndClickingConnectShowsTheServersHealth(FxRobot robot) throws Exception {
        robot.clickOn("#serverUrl").write(server.baseUri().toString());
        robot.clickOn("#connect");

        awaitStatus(robot, "Connected to " + server.baseUri());
        assertThat(label(robot, "#serverVersion").getText()).isEqualTo(BuildInfo.version());
        assertThat(label(robot, "#databaseStatus").getText()).isEqualTo("OK");
        assertThat(label(robot, "#serverUptime").getText()).endsWith(" s");
        assertThat(label(robot, "#connectionStatus").getStyleClass()).contains(Styles.STATUS_OK);
    }

    @Test
    void pressingEnterInTheFieldConnectsAndAWrongAddressIsExplained(FxRobot robot) throws Exception {
        robot.clickOn("#serverUrl").write("not an address");
        robot.type(KeyCode.ENTER);

        awaitStatus(robot, "Not a server address");
        assertThat(label(robot, "#connectionStatus").getStyleClass()).contains(Styles.STATUS_ERROR);
        assertThat(robot.lookup("#serverUrl").queryAs(TextField.class).getText())
                .isEqualTo("not an address");
    }
}
