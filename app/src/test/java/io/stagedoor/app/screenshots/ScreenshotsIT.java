package io.stagedoor.app.screenshots;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.server.testing.RunningProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots of the main screens, taken from the real studio in a real GTK window on a virtual display, started
 * the way the README's start command starts it (the build's {@code studio.args}, plus the test classes for the tour).
 * They go to {@code target/screenshots}; {@code -Dstagedoor.screenshots.dir=../docs/screenshots} refreshes the ones
 * the README shows.
 */
class ScreenshotsIT {

    static final List<String> SCREENS = List.of(
            "01-first-run.png",
            "02-first-run-viewer-page.png",
            "03-events.png",
            "04-dashboard.png",
            "05-attendees.png",
            "06-stream-key.png",
            "07-editor-validation.png",
            "08-dashboard-dark.png");

    @TempDir
    Path dataDir;

    @TempDir
    Path configDir;

    @TempDir
    Path launch;

    @Test
    void savesAPictureOfEachMainScreenFromARealWindow() throws Exception {
        var output = Path.of(System.getProperty("stagedoor.screenshots.dir", "target/screenshots"));
        try (var display = XvfbDisplay.start();
                var tour = RunningProcess.start(
                        RunningProcess.javaCommand(
                                withTestClasses(Path.of(System.getProperty("stagedoor.studio.args"))),
                                ScreenshotTour.class.getName(),
                                output.toAbsolutePath().toString(),
                                dataDir.toString(),
                                configDir.toString()),
                        display.environment())) {
            assertThat(tour.awaitExit(Duration.ofMinutes(3))).as(tour.output()).isZero();
            assertThat(tour.output()).contains("Screenshot tour done");
        }
        for (var name : SCREENS) {
            var file = output.resolve(name);
            assertThat(file).exists();
            var image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).isEqualTo(1180);
            assertThat(image.getHeight()).isEqualTo(760);
        }
    }

    /** The start command's argument file with this module's test classes added to its class path. */
    private Path withTestClasses(Path args) throws Exception {
        var lines = new ArrayList<>(Files.readAllLines(args));
        int classPath = lines.indexOf("-cp") + 1;
        var value = lines.get(classPath);
        var testClasses = Path.of("target/test-classes").toAbsolutePath();
        lines.set(classPath, value.substring(0, value.length() - 1) + File.pathSeparator + testClasses + "\"");
        var file = launch.resolve("screenshots.args");
        Files.write(file, lines);
        return file;
    }
}
