package io.stagedoor.app;

import io.stagedoor.app.testing.StudioProcess;
import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.server.testing.RunningProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio started exactly as the README's start command starts it (the build's {@code studio.args}), drawing a
 * real GTK window on a virtual display, with its local server answering.
 */
class StudioWindowIT {

    @TempDir
    Path dataDir;

    @Test
    void opensTheWindowWithTheLocalServerRunningAndStopsBothOnTerminate() {
        var args = Path.of(System.getProperty("stagedoor.studio.args"));
        try (var display = XvfbDisplay.start();
                var studio = RunningProcess.start(
                        RunningProcess.javaCommand(
                                args,
                                Main.class.getName(),
                                "--http-port=0",
                                "--ingest-port=0",
                                "--data-dir=" + dataDir),
                        display.environment())) {
            StudioProcess.assertOpensWindowWithLocalServerAndStopsCleanly(studio);
        }
    }
}
