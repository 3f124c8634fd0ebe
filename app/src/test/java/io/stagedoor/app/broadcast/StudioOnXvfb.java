package io.stagedoor.app.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.monitor.MonitorView;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.encoder.Preset;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not part of the suite (run by name): the broadcast and monitor screens in a real GTK window on Xvfb, broadcasting
 * the test pattern to an in-process server, for the README's screenshots and the preview's CPU figures in
 * docs/BENCHMARKS.md. Run under {@code xvfb-run -a -s "-screen 0 1280x800x24"}:
 *
 * <pre>{@code
 * ./mvnw -B -ntp verify -pl api-client,encoder,server,app -Dspotless.check.skip=true -Djazzer.skip=true \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='StudioOnXvfb#screenshots' \
 *     -Dfailsafe.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * ({@code StudioOnXvfb#previewCpu} for the benchmark.)
 */
@ExtendWith(ApplicationExtension.class)
class StudioOnXvfb {

    static {
        // A real window on the X display, not Monocle: this class runs alone in its JVM, before TestFX starts.
        System.setProperty("testfx.headless", "false");
    }

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(TestDatabase.H2, "--ingest.ladder=");

    private static StagedoorClient organiser;
    private static Event event;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private BroadcastView broadcast;
    private MonitorView monitor;
    private Stage broadcastStage;
    private Stage monitorStage;

    @BeforeAll
    static void eventOnSale() {
        assertThat(System.getenv("DISPLAY"))
                .as("an X display (run under xvfb-run)")
                .isNotBlank();
        organiser = Organisers.signedIn(server.baseUri(), "Studio Sam");
        event = TestEvents.onSale(organiser, "Launch Night");
    }

    @Start
    void start(Stage stage) {
        var screens = BroadcastScreens.of(organiser, event, background);
        broadcast = screens.broadcast();
        monitor = screens.monitor();
        broadcastStage = stage;
        stage.setScene(new Scene((Parent) broadcast.root(), 1280, 800));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        monitorStage = new Stage();
        monitorStage.setScene(new Scene((Parent) monitor.root(), 1280, 800));
        monitorStage.setX(0);
        monitorStage.setY(0);
        monitorStage.show();
        stage.toFront();
        broadcast.shown();
        monitor.shown();
    }

    @AfterEach
    void stop() {
        broadcast.close();
        monitor.close();
        background.shutdownNow();
    }

    @Test
    void screenshots(FxRobot robot) throws Exception {
        var dir = Path.of(System.getProperty("stagedoor.screenshots.dir", "../docs/screenshots"));
        Files.createDirectories(dir);
        var model = broadcast.model();
        robot.interact(() -> model.presetProperty().set(Preset.P720_30));
        robot.interact(model::runUploadTest);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> !model.uploadTestRunningProperty().get());
        robot.interact(() -> {
            model.requestGoLive();
            model.confirm();
        });
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> model.phaseProperty().get() == BroadcastPhase.LIVE);
        Thread.sleep(40_000); // a chart worth looking at

        capture(dir.resolve("studio-broadcast.png"));
        // The monitor in the dark theme, to show both.
        robot.interact(() -> {
            monitorStage.getScene().getRoot().getStyleClass().add("dark");
            monitorStage.toFront();
        });
        Thread.sleep(1500);
        capture(dir.resolve("studio-monitor-dark.png"));
        robot.interact(() -> {
            monitorStage.getScene().getRoot().getStyleClass().remove("dark");
        });
        Thread.sleep(1500);
        capture(dir.resolve("studio-monitor.png"));
        robot.interact(() -> {
            broadcastStage.getScene().getRoot().getStyleClass().add("dark");
            broadcastStage.toFront();
        });
        Thread.sleep(1500);
        capture(dir.resolve("studio-broadcast-dark.png"));
    }

    /**
     * The preview's cost, for 720p30 and 1080p30: CPU of the FX application and render threads, of the encoder's
     * {@code encode} thread (which scales the preview) and of the whole process, over 20 s with the preview drawn and
     * 20 s without. First in the preview alone (without it on view the capture stops), then live to the in-process
     * server (without it on view the broadcast goes on, unscaled).
     */
    @Test
    void previewCpu(FxRobot robot) throws Exception {
        var model = broadcast.model();
        robot.interact(() -> monitorStage.hide());
        robot.interact(monitor::hidden);
        for (var preset : new Preset[] {Preset.P720_30, Preset.P1080_30}) {
            robot.interact(() -> model.presetProperty().set(preset));
            Thread.sleep(8_000); // past start-up and JIT
            round(model, preset, "preview only");
            robot.interact(() -> {
                model.requestGoLive();
                model.confirm();
            });
            WaitForAsyncUtils.waitFor(
                    30, TimeUnit.SECONDS, () -> model.phaseProperty().get() == BroadcastPhase.LIVE);
            Thread.sleep(8_000);
            for (int round = 0; round < 2; round++) {
                round(model, preset, "live round " + round);
            }
            robot.interact(() -> {
                model.requestEnd();
                model.confirm();
            });
            WaitForAsyncUtils.waitFor(
                    30, TimeUnit.SECONDS, () -> model.phaseProperty().get() == BroadcastPhase.IDLE);
        }
    }

    private static void round(BroadcastViewModel model, Preset preset, String what) throws Exception {
        WaitForAsyncUtils.asyncFx(model::hidden).get();
        Thread.sleep(2_000);
        var off = measure(Duration.ofSeconds(20));
        WaitForAsyncUtils.asyncFx(model::shown).get();
        Thread.sleep(4_000);
        long framesBefore = model.previewFramesShown();
        long droppedBefore = model.previewFramesDropped();
        var on = measure(Duration.ofSeconds(20));
        long frames = model.previewFramesShown() - framesBefore;
        long dropped = model.previewFramesDropped() - droppedBefore;
        var image = WaitForAsyncUtils.asyncFx(() -> model.previewImageProperty().get())
                .get();
        System.out.printf(
                Locale.ROOT,
                "BENCH %s %s: preview %dx%d, %.1f fps drawn (%d skipped); FX+render threads %.1f %% of a core with"
                        + " preview, %.1f %% without; encode thread %.1f %% / %.1f %%; process %.1f %% / %.1f %%;"
                        + " load average %s%n",
                preset.id(),
                what,
                image == null ? 0 : (int) image.getWidth(),
                image == null ? 0 : (int) image.getHeight(),
                frames / 20.0,
                dropped,
                on.fxPercent(),
                off.fxPercent(),
                on.encodePercent(),
                off.encodePercent(),
                on.processPercent(),
                off.processPercent(),
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private record Usage(double fxPercent, double encodePercent, double processPercent) {}

    private static Usage measure(Duration duration) throws InterruptedException {
        var fxBefore = threadCpu();
        long processBefore = processCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        long wall = System.nanoTime() - start;
        var fxAfter = threadCpu();
        long process = processCpuNanos() - processBefore;
        double fx = delta(fxBefore, fxAfter, "JavaFX Application Thread") + delta(fxBefore, fxAfter, "QuantumRenderer");
        double encode = delta(fxBefore, fxAfter, "encode");
        return new Usage(fx * 100.0 / wall, encode * 100.0 / wall, process * 100.0 / wall);
    }

    private static double delta(Map<String, Long> before, Map<String, Long> after, String prefix) {
        long sum = 0;
        for (var entry : after.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                sum += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            }
        }
        return sum;
    }

    /** CPU nanoseconds per thread name (with its id, as names repeat). */
    private static Map<String, Long> threadCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.toMap(
                        t -> t.getName() + "#" + t.threadId(),
                        t -> Math.max(0, threads.getThreadCpuTime(t.threadId())),
                        (a, b) -> a));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void capture(Path file) throws Exception {
        var process = new ProcessBuilder("import", "-window", "root", file.toString())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("import: %s", output).isZero();
    }
}
