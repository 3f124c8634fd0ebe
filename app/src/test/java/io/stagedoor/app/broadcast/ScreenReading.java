package io.stagedoor.app.broadcast;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the screens from a test thread: labels by id, waiting for a condition, reading on the FX thread. */
final class ScreenReading {

    private ScreenReading() {}

    static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    static void await(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /** Reads on the FX thread, where the screens change, so the value is the one on screen. */
    static <T> T onFx(Callable<T> read) throws Exception {
        var task = new FutureTask<>(read);
        Platform.runLater(task);
        return task.get(5, TimeUnit.SECONDS);
    }
}
