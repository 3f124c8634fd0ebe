package io.stagedoor.app.workspace;

import io.stagedoor.api.sales.Attendee;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the workspace's tests read off the screen, and how they wait for it. */
final class ScreenLookups {

    private ScreenLookups() {}

    @SuppressWarnings("unchecked")
    static List<Attendee> attendees(FxRobot robot) {
        return List.copyOf(robot.lookup("#attendees").queryAs(TableView.class).getItems());
    }

    static int tableSize(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TableView.class).getItems().size();
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    static String field(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextInputControl.class).getText();
    }

    static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        // The condition may hold while the FX thread is still laying out what goes with it.
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls the node into its scroll pane's view, as a user would before clicking it. */
    static void reveal(FxRobot robot, String query) throws Exception {
        Node node = robot.lookup(query).query();
        WaitForAsyncUtils.asyncFx(() -> {
                    Parent parent = node.getParent();
                    while (parent != null && !(parent instanceof ScrollPane)) {
                        parent = parent.getParent();
                    }
                    if (parent instanceof ScrollPane pane) {
                        var content = pane.getContent();
                        var bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                        double scrollable = content.getBoundsInLocal().getHeight()
                                - pane.getViewportBounds().getHeight();
                        pane.setVvalue(
                                scrollable <= 0 ? 0 : Math.clamp((bounds.getMinY() - 40) / scrollable, 0.0, 1.0));
                    }
                })
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
