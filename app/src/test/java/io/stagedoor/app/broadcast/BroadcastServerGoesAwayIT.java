package io.stagedoor.app.broadcast;

import static io.stagedoor.app.broadcast.ScreenReading.await;
import static io.stagedoor.app.broadcast.ScreenReading.onFx;
import static io.stagedoor.app.broadcast.ScreenReading.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The reconnect banner with a real encoder and a real server that goes away mid-broadcast: the banner says the
 * connection is lost and when the next attempt is, "reconnect now" makes an attempt at once, and End still ends.
 */
@ExtendWith(ApplicationExtension.class)
class BroadcastServerGoesAwayIT {

    @TempDir
    static Path dataDir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private StagedoorServer server;
    private BroadcastView view;

    @Start
    void start(Stage stage) {
        server = StagedoorServer.start(TestServers.config(dataDir, "--ingest.ladder="));
        var organiser = Organisers.signedIn(server.baseUri(), "Studio Sam");
        var event = TestEvents.onSale(organiser, "Power cut");
        var texts = BroadcastView.bundle(Locale.ENGLISH);
        var model = new BroadcastViewModel(
                organiser,
                new SimpleObjectProperty<@Nullable Event>(event),
                background,
                UiThread.executor(),
                texts,
                BroadcastEngine.encoder(),
                Duration.ofSeconds(1),
                Clock.systemDefaultZone());
        model.presetProperty().set(io.stagedoor.encoder.Preset.P720_30);
        view = new BroadcastView(model, texts);
        stage.setScene(new Scene((Parent) view.root(), 1280, 800));
        stage.show();
        view.shown();
    }

    @AfterEach
    void stop() {
        view.close();
        background.shutdownNow();
        server.close();
    }

    @Test
    void whenTheServerGoesAwayTheBannerTellsWhenTheNextAttemptIsAndReconnectNowTriesAtOnce(FxRobot robot)
            throws Exception {
        var model = view.model();
        robot.clickOn("#goLive");
        robot.clickOn("#confirm");
        await(30, () -> model.phaseProperty().get() == BroadcastPhase.LIVE);
        await(15, () -> model.statsProperty().get() != null);

        server.close();

        await(
                20,
                () -> text(robot, "#reconnectMessage")
                        .matches("Connection lost\\. Attempt \\d+ at \\d\\d:\\d\\d:\\d\\d\\."));
        assertThat(onFx(() ->
                        robot.lookup("#reconnectBanner").queryAs(Node.class).isVisible()))
                .isTrue();
        assertThat(text(robot, "#phase")).isEqualTo("RECONNECTING");
        // Let the backoff grow (2 s, 3 s, 4.5 s, 6.75 s …), then "reconnect now" must try before the time shown.
        await(30, () -> attempt(text(robot, "#reconnectMessage")) >= 4);
        var before = text(robot, "#reconnectMessage");
        int attempt = attempt(before);
        var scheduled = java.time.LocalTime.parse(before.replaceAll(".* at (\\d\\d:\\d\\d:\\d\\d)\\.$", "$1"));
        robot.clickOn("#reconnectNow");
        await(5, () -> attempt(text(robot, "#reconnectMessage")) > attempt);
        // Seconds from now to the scheduled time, across midnight too; positive means it has not come yet.
        int ahead = Math.floorMod(
                        scheduled.toSecondOfDay() - java.time.LocalTime.now().toSecondOfDay() + 43_200, 86_400)
                - 43_200;
        assertThat(ahead)
                .as("the attempt after reconnect now came before the one scheduled for %s", scheduled)
                .isPositive();

        robot.clickOn("#end");
        robot.clickOn("#confirm");
        await(20, () -> model.phaseProperty().get() == BroadcastPhase.IDLE);
        assertThat(onFx(() ->
                        robot.lookup("#reconnectBanner").queryAs(Node.class).isVisible()))
                .isFalse();
    }

    private static int attempt(String message) {
        var matcher = java.util.regex.Pattern.compile("Attempt (\\d+)").matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
