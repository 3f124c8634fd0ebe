package io.stagedoor.app.broadcast;

import static io.stagedoor.app.broadcast.ScreenReading.await;
import static io.stagedoor.app.broadcast.ScreenReading.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.BroadcastState;
import io.stagedoor.encoder.BroadcastStats;
import io.stagedoor.encoder.meter.BitrateReading;
import io.stagedoor.encoder.meter.BitrateState;
import io.stagedoor.encoder.publish.DroppedFrames;
import io.stagedoor.encoder.publish.PublisherStatus;
import io.stagedoor.encoder.source.VideoSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The broadcast screen with a stand-in encoder that plays what a real one reports when its network goes away: the
 * keyboard shortcuts go live, reconnect and end (each behind its confirmation), and the reconnect banner shows the
 * next attempt's time and sends "reconnect now" to the encoder. Headless, through Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class BroadcastShortcutsAndReconnectIT {

    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<@Nullable BroadcastListener> listener = new AtomicReference<>();
    private final AtomicReference<@Nullable BroadcastSettings> previewed = new AtomicReference<>();
    private final AtomicReference<io.stagedoor.encoder.rtmp.@Nullable RtmpUrl> wentLive = new AtomicReference<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger ends = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final java.util.List<VideoSource> switched = new java.util.concurrent.CopyOnWriteArrayList<>();
    private BroadcastViewModel model;

    @Start
    void start(Stage stage) {
        BroadcastEngine engine = (settings, l) -> {
            previewed.set(settings);
            listener.set(l);
            l.stateChanged(BroadcastState.STARTING, BroadcastState.PREVIEW, "previewing");
            return new BroadcastEngine.Running() {
                @Override
                public void goLive(io.stagedoor.encoder.rtmp.RtmpUrl destination) {
                    wentLive.set(destination);
                    l.stateChanged(BroadcastState.PREVIEW, BroadcastState.LIVE, "live");
                }

                @Override
                public void endLive() {
                    ends.incrementAndGet();
                    l.stateChanged(BroadcastState.LIVE, BroadcastState.PREVIEW, "live ended");
                }

                @Override
                public void startRecording(java.nio.file.Path file) {}

                @Override
                public void stopRecording() {}

                @Override
                public void previewSize(int width, int height) {}

                @Override
                public void reconnectNow() {
                    reconnects.incrementAndGet();
                }

                @Override
                public void switchVideoSource(VideoSource source) {
                    switched.add(source);
                }

                @Override
                public void close() {
                    closes.incrementAndGet();
                }
            };
        };
        var texts = BroadcastView.bundle(Locale.ENGLISH);
        model = new BroadcastViewModel(
                null,
                new SimpleObjectProperty<@Nullable Event>(),
                background,
                UiThread.executor(),
                texts,
                engine,
                Duration.ofSeconds(1),
                Clock.fixed(NOW, ZoneOffset.UTC));
        var view = new BroadcastView(model, texts);
        stage.setScene(new Scene((javafx.scene.Parent) view.root(), 1280, 800));
        stage.show();
        view.shown();
    }

    @AfterEach
    void stop() {
        model.close();
        background.shutdownNow();
    }

    @Test
    void shortcutsGoLiveReconnectAndEndAndTheBannerTellsWhenTheNextAttemptIs(FxRobot robot) throws Exception {
        robot.clickOn("#customUrl").write("rtmp://127.0.0.1:1/live");
        robot.clickOn("#customKey").write("secret-key");

        // Ctrl+L asks first; Escape takes it back; nothing starts.
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        assertThat(robot.lookup("#confirmBar").queryAs(javafx.scene.Node.class).isVisible())
                .isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.confirmationProperty().get()).isEqualTo(Confirmation.NONE);
        assertThat(wentLive.get()).isNull();
        assertThat(previewed.get()).as("the preview runs before going live").isNotNull();

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        robot.clickOn("#confirm");
        await(10, () -> model.phaseProperty().get() == BroadcastPhase.LIVE);
        assertThat(wentLive.get().port()).isEqualTo(1);
        assertThat(wentLive.get().app()).isEqualTo("live");
        assertThat(wentLive.get().streamKey()).isEqualTo("secret-key");
        assertThat(text(robot, "#phase")).isEqualTo("LIVE");

        // A source picked while live goes to the encoder at once.
        robot.interact(() -> model.selectedSourceProperty().set(model.sources().get(1)));
        await(10, () -> switched.equals(List.of(new VideoSource.Screen(""))));

        // The network goes away: the encoder says so, then reports its next attempt in the stats.
        var encoder = listener.get();
        encoder.stateChanged(BroadcastState.LIVE, BroadcastState.RECONNECTING, "connection lost: reset");
        encoder.stats(stats(new PublisherStatus(
                false, 2, NOW.plusSeconds(3), 1, NOW.minusSeconds(4), Duration.ZERO, "Connection reset")));
        await(10, () -> text(robot, "#reconnectMessage").contains("Attempt 3 at 20:00:03"));
        assertThat(robot.lookup("#reconnectBanner")
                        .queryAs(javafx.scene.Node.class)
                        .isVisible())
                .isTrue();
        assertThat(text(robot, "#phase")).isEqualTo("RECONNECTING");

        robot.clickOn("#reconnectNow");
        await(10, () -> reconnects.get() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await(10, () -> reconnects.get() == 2);

        // Back on air: the banner goes.
        encoder.stateChanged(BroadcastState.RECONNECTING, BroadcastState.LIVE, "reconnected");
        await(
                10,
                () -> !robot.lookup("#reconnectBanner")
                        .queryAs(javafx.scene.Node.class)
                        .isVisible());
        assertThat(model.phaseProperty().get()).isEqualTo(BroadcastPhase.LIVE);

        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        assertThat(text(robot, "#confirmMessage")).startsWith("End the broadcast?");
        robot.type(KeyCode.ENTER);
        await(10, () -> model.phaseProperty().get() == BroadcastPhase.IDLE);
        assertThat(ends.get()).isEqualTo(1);
        assertThat(closes.get()).as("the capture goes on for the preview").isZero();
        assertThat(text(robot, "#broadcastStatus")).isEqualTo("The broadcast has ended.");
    }

    @Test
    void aRefusedStartIsAShortMessageAndTheScreenStaysOffAir(FxRobot robot) throws Exception {
        robot.clickOn("#customUrl").write("not a url");
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        robot.clickOn("#confirm");
        await(10, () -> text(robot, "#broadcastStatus").startsWith("That is not an RTMP URL"));
        assertThat(model.phaseProperty().get()).isEqualTo(BroadcastPhase.IDLE);
        assertThat(model.statusIsErrorProperty().get()).isTrue();
        assertThat(wentLive.get()).isNull();
    }

    private static BroadcastStats stats(PublisherStatus connection) {
        return new BroadcastStats(
                NOW,
                BroadcastState.RECONNECTING,
                Duration.ofSeconds(20),
                "test pattern",
                null,
                "x264",
                30,
                600,
                0,
                0,
                DroppedFrames.NONE,
                3,
                1200,
                new BitrateReading(0, 4_000, BitrateState.STALLED, Duration.ofSeconds(4), 10_000_000, List.of(6_100.0)),
                6_000,
                false,
                connection,
                null,
                null);
    }
}
