package io.stagedoor.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.events.EventRow;
import io.stagedoor.server.testing.ServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The UI never blocks: while the workspace loads many events with their figures, again and again, an
 * {@link AnimationTimer} on the FX thread misses fewer than 5 % of its pulses.
 */
@ExtendWith(ApplicationExtension.class)
class ResponsivenessIT {

    static final int EVENTS = 20;
    static final int TURNS = 2;
    static final int LOAD_ROUNDS = 2;
    static final long ROUND_MILLIS = 1300;

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    @TempDir
    static Path files;

    private WorkspaceFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WorkspaceFixture(server.baseUri(), "Busy Organiser");
        for (int i = 0; i < EVENTS; i++) {
            var sale = fixture.eventOnSale("Show " + i);
            fixture.buy(sale, "Buyer " + i, "buyer" + i + "@example.org", 1 + i % 3);
        }
        fixture.show(stage, files.resolve("unused.csv"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theFxThreadKeepsPulsingWhileTheWorkspaceLoadsData(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> rows(robot).size() == EVENTS);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#events").lookup("Show 3").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#events").lookup("Show 3").queryAs(Node.class));
        robot.clickOn("#tab-sales");

        var fxThread = new AtomicReference<Thread>();
        Platform.runLater(() -> fxThread.set(Thread.currentThread()));
        WaitForAsyncUtils.waitForFxEvents();
        var networkOnFxThread = new CopyOnWriteArrayList<String>();
        var samples = new FxSamples();
        var sampler = Thread.ofPlatform().daemon().start(() -> sample(fxThread.get(), networkOnFxThread, samples));
        // Idle and loading take turns, so that both meet the same load from other processes on a shared machine.
        // Each F5 reloads the list (1 + 2 × 20 requests in the background) and the selected event's dashboard.
        var idle = PulseStats.NONE;
        var loading = PulseStats.NONE;
        for (int turn = 0; turn < TURNS; turn++) {
            idle = idle.plus(PulseStats.during(() -> robot.sleep(LOAD_ROUNDS * ROUND_MILLIS)));
            loading = loading.plus(PulseStats.during(() -> {
                for (int round = 0; round < LOAD_ROUNDS; round++) {
                    robot.type(KeyCode.F5);
                    robot.sleep(ROUND_MILLIS);
                }
            }));
        }
        sampler.interrupt();
        sampler.join();

        System.out.println("Pulses idle:    " + idle);
        System.out.println("Pulses loading: " + loading);
        System.out.println("FX thread: " + samples);
        assertThat(networkOnFxThread).as("network calls seen on the FX thread").isEmpty();
        assertThat(samples.waitingPercent())
                .as("share of samples in which the FX thread was free")
                .isGreaterThan(90.0);
        assertThat(loading.seen()).isGreaterThan(30);
        // On a quiet machine the first clause holds; on a shared CI machine whose cores other builds keep busy,
        // pulses go missing whether we load or not, and only what the loading adds counts.
        assertThat(loading.missedPercent() < 5.0 || loading.missedPercent() - idle.missedPercent() < 5.0)
                .as(
                        "missed %.1f %% of pulses while loading, %.1f %% idle",
                        loading.missedPercent(), idle.missedPercent())
                .isTrue();
    }

    /**
     * Samples the FX thread's stack every few milliseconds: keeps any frame of the HTTP client or sockets, and counts
     * how often the thread was free (waiting for work or for the renderer).
     */
    private static void sample(Thread fx, List<String> found, FxSamples samples) {
        while (!Thread.currentThread().isInterrupted()) {
            var stack = fx.getStackTrace();
            samples.add(stack.length > 0 && stack[0].getMethodName().equals("wait0"));
            for (var frame : stack) {
                var name = frame.getClassName();
                if (name.startsWith("okhttp3.")
                        || name.startsWith("io.stagedoor.client.")
                        || name.startsWith("sun.nio.ch.")
                        || name.startsWith("java.net.")) {
                    found.add(frame.toString());
                }
            }
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<EventRow> rows(FxRobot robot) {
        return List.copyOf(robot.lookup("#events").queryAs(TableView.class).getItems());
    }

    static final class FxSamples {
        private int total;
        private int waiting;

        synchronized void add(boolean isWaiting) {
            total++;
            if (isWaiting) {
                waiting++;
            }
        }

        synchronized double waitingPercent() {
            return total == 0 ? 0 : 100.0 * waiting / total;
        }

        @Override
        public synchronized String toString() {
            return String.format("%d samples, free in %.1f %%", total, waitingPercent());
        }
    }

    /**
     * Pulses seen and missed. The period is the median gap between pulses (Monocle's and a desktop's differ); a gap
     * of n periods means n − 1 pulses were missed.
     */
    record PulseStats(int seen, long missed, double periodMillis, double longestGapMillis) {

        static final PulseStats NONE = new PulseStats(0, 0, 0, 0);

        PulseStats plus(PulseStats other) {
            return new PulseStats(
                    seen + other.seen,
                    missed + other.missed,
                    Math.max(periodMillis, other.periodMillis),
                    Math.max(longestGapMillis, other.longestGapMillis));
        }

        /** Counts the FX thread's pulses with an {@link AnimationTimer} while {@code action} runs. */
        static PulseStats during(Runnable action) {
            var pulses = Collections.synchronizedList(new ArrayList<Long>());
            var timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses.add(now);
                }
            };
            Platform.runLater(timer::start);
            action.run();
            Platform.runLater(timer::stop);
            WaitForAsyncUtils.waitForFxEvents();
            return of(List.copyOf(pulses));
        }

        static PulseStats of(List<Long> times) {
            var gaps = new ArrayList<Long>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
            var sorted = new ArrayList<>(gaps);
            Collections.sort(sorted);
            double period = sorted.get(sorted.size() / 2);
            long missed = 0;
            for (var gap : gaps) {
                missed += Math.max(0, Math.round(gap / period) - 1);
            }
            return new PulseStats(times.size(), missed, period / 1e6, sorted.getLast() / 1e6);
        }

        double missedPercent() {
            return seen + missed == 0 ? 0 : 100.0 * missed / (seen + missed);
        }

        @Override
        public String toString() {
            return String.format(
                    "%d seen, %d missed (%.1f %%), period %.1f ms, longest gap %.1f ms",
                    seen, missed, missedPercent(), periodMillis, longestGapMillis);
        }
    }
}
