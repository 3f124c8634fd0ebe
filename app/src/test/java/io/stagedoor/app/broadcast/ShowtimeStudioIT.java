package io.stagedoor.app.broadcast;

import static io.stagedoor.app.broadcast.ScreenReading.await;
import static io.stagedoor.app.broadcast.ScreenReading.onFx;
import static io.stagedoor.app.broadcast.ScreenReading.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.app.monitor.MonitorView;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Showtime from the studio, against a real in-process server, driven headless like a user would: the broadcast screen
 * says which event it sends to and where its show stands, starts, ends and reopens the show behind confirmations (each
 * checked through the API), and follows a change made through the API; the monitor tells a publisher that stopped from
 * a connection that broke (a real publisher, Debian's ffmpeg, killed) and from a show ended by the organiser. The
 * broadcast screen's encoder is a stand-in here: what it sends is {@code BroadcastStudioIT}'s subject, and a picture
 * nobody looks at would only slow the machine.
 */
@ExtendWith(ApplicationExtension.class)
class ShowtimeStudioIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(TestDatabase.H2, "--ingest.ladder=");

    private static StagedoorClient organiser;

    @TempDir
    Path logs;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final StandInEngine engine = new StandInEngine();
    private Event event;
    private BroadcastView broadcast;
    private MonitorView monitor;

    @BeforeAll
    static void organiser() {
        organiser = Organisers.signedIn(server.baseUri(), "Showtime Sam");
    }

    @Start
    void start(Stage stage) {
        event = TestEvents.onSale(organiser, "Launch Night");
        var screens = BroadcastScreens.of(organiser, event, background, engine);
        broadcast = screens.broadcast();
        monitor = screens.monitor();
        var monitorStage = new Stage();
        monitorStage.setScene(new Scene((Parent) monitor.root(), 960, 640));
        monitorStage.show();
        stage.setScene(new Scene((Parent) broadcast.root(), 1120, 800));
        stage.show();
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
    void theScreenTellsTheShowStartsEndsAndReopensItAndFollowsTheApi(FxRobot robot) throws Exception {
        var model = broadcast.model();

        // Before going live: the event, its start in its own time zone, and that a stream now is a rehearsal.
        await(10, () -> text(robot, "#showState").equals("Rehearsal — ticket holders are waiting"));
        assertThat(text(robot, "#showTarget")).startsWith("Launch Night · ").endsWith(" Europe/Vienna");
        assertThat(visible(robot, "#startShow")).isTrue();
        assertThat(visible(robot, "#endShow")).isTrue();
        assertThat(visible(robot, "#reopenShow")).isFalse();

        // To a custom RTMP URL there is no show to control.
        robot.clickOn("#outputCustom");
        await(5, () -> text(robot, "#showTarget").startsWith("To a custom RTMP URL"));
        assertThat(visible(robot, "#startShow")).isFalse();
        assertThat(visible(robot, "#showState")).isFalse();
        robot.clickOn("#outputEvent");
        await(5, () -> visible(robot, "#startShow"));

        // Going live now is a rehearsal, and the question says so; it goes to the event's own ingest.
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        assertThat(text(robot, "#confirmMessage"))
                .startsWith("Start a rehearsal on “Launch Night”?")
                .contains("ticket holders keep waiting");
        robot.clickOn("#confirm");
        await(10, () -> model.phaseProperty().get() == BroadcastPhase.LIVE);
        assertThat(engine.wentLive())
                .singleElement()
                .satisfies(url -> assertThat(url.streamKey())
                        .isEqualTo(organiser.streams().endpoint(event.id()).streamKey()));

        // Start show: Ctrl+Shift+S asks first, Escape takes it back; confirmed, the event is on air.
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(text(robot, "#confirmMessage"))
                .startsWith("Start the show “Launch Night”?")
                .contains("Every ticket holder switches to the player now");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.confirmationProperty().get()).isEqualTo(Confirmation.NONE);
        assertThat(status()).isEqualTo(EventStatus.ON_SALE);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.clickOn("#confirm");
        await(10, () -> status() == EventStatus.LIVE);
        await(5, () -> text(robot, "#showState").equals("On air — ticket holders are watching"));
        assertThat(visible(robot, "#startShow")).isFalse();
        assertThat(text(robot, "#showMessage")).isEqualTo("“Launch Night” is on air: ticket holders are watching.");
        var onAirAt = organiser.events().get(event.id()).onAirAt();
        assertThat(onAirAt).isNotNull();

        // Ended through the API: the screen follows within seconds, and its broadcast to the show stops.
        organiser.events().end(event.id());
        await(10, () -> text(robot, "#showState").equals("Ended by you — viewers are offered the replay"));
        await(10, () -> model.phaseProperty().get() == BroadcastPhase.IDLE);
        assertThat(text(robot, "#broadcastStatus")).isEqualTo("The show has ended, so the broadcast stopped.");
        assertThat(engine.ends()).isEqualTo(1);
        assertThat(visible(robot, "#reopenShow")).isTrue();
        assertThat(visible(robot, "#endShow")).isFalse();
        assertThat(visible(robot, "#showMessage"))
                .as("'is on air' no longer holds")
                .isFalse();

        // Going live to an ended show is refused at once, saying why, rather than by the ingest.
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.confirmationProperty().get()).isEqualTo(Confirmation.NONE);
        assertThat(text(robot, "#broadcastStatus"))
                .isEqualTo("“Launch Night” has ended: reopen it to broadcast to it again.");

        // Reopen: back on air, as it had been, its time on air kept.
        robot.clickOn("#reopenShow");
        assertThat(text(robot, "#confirmMessage")).contains("It goes back on air");
        robot.clickOn("#confirm");
        await(10, () -> status() == EventStatus.LIVE);
        assertThat(organiser.events().get(event.id()).onAirAt()).isEqualTo(onAirAt);
        await(5, () -> text(robot, "#showState").equals("On air — ticket holders are watching"));

        // End show from the keyboard: the question offers the replay; confirmed, the organiser ended it.
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E).release(KeyCode.E, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(text(robot, "#confirmMessage"))
                .startsWith("End the show “Launch Night”?")
                .contains("viewers are offered the replay");
        robot.type(KeyCode.ENTER);
        await(10, () -> status() == EventStatus.ENDED);
        assertThat(organiser.events().get(event.id()).endedBy()).isEqualTo(EndedBy.ORGANISER);
        await(5, () -> text(robot, "#showState").equals("Ended by you — viewers are offered the replay"));

        // Reopened through the API: on air again on the screen.
        organiser.events().reopen(event.id());
        await(10, () -> text(robot, "#showState").equals("On air — ticket holders are watching"));
        assertThat(visible(robot, "#endShow")).isTrue();
    }

    @Test
    void theMonitorTellsAPublisherThatStoppedFromALostConnectionAndFromAShowEndedByYou(FxRobot robot) throws Exception {
        var url = organiser.streams().endpoint(event.id()).publishUrl();

        // One recording, made first (once per build), so that publishing it costs nothing but the copy.
        var recording = Publishers.pattern(320, 180, 300, 12);

        // A sound check while the event is on sale: a rehearsal, whose publisher then stops by itself.
        var soundCheck = Publishers.publish(url, recording, logs.resolve("sound-check.log"));
        try {
            await(20, () -> text(robot, "#monitorState").equals("Receiving"));
            assertThat(text(robot, "#monitorShow")).isEqualTo("Rehearsal — ticket holders are waiting");
            assertThat(soundCheck.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await(15, () -> text(robot, "#monitorState").equals("The publisher stopped"));
        } finally {
            soundCheck.destroyForcibly();
        }

        // On air; the publisher's connection then breaks (killed: nothing said on the wire). The show goes on.
        organiser.events().startShow(event.id());
        await(10, () -> text(robot, "#monitorShow").equals("On air — ticket holders are watching"));
        var broken = Publishers.publish(url, recording, logs.resolve("broken.log"));
        try {
            await(20, () -> text(robot, "#monitorState").equals("Receiving"));
            robot.interact(monitor.model()::dismissNotice);
            broken.destroyForcibly();
            await(15, () -> text(robot, "#monitorState").equals("Connection lost — waiting for the publisher"));
            // The alert is raised again, as before.
            await(10, () -> text(robot, "#notice").startsWith("The publisher disconnected"));
        } finally {
            broken.destroyForcibly();
        }
        assertThat(status()).as("a break in the show, not its end").isEqualTo(EventStatus.LIVE);

        // Back, then the organiser ends the show on the broadcast screen while it is received.
        var back = Publishers.publish(url, recording, logs.resolve("back.log"));
        try {
            await(20, () -> text(robot, "#monitorState").equals("Receiving"));
            robot.clickOn("#endShow");
            robot.clickOn("#confirm");
            await(15, () -> text(robot, "#monitorState").equals("Ended by you"));
            assertThat(text(robot, "#monitorShow")).isEqualTo("Ended — viewers are offered the replay");
        } finally {
            back.destroyForcibly();
        }
        assertThat(organiser.events().get(event.id()).endedBy()).isEqualTo(EndedBy.ORGANISER);
    }

    private EventStatus status() {
        return organiser.events().get(event.id()).status();
    }

    private static boolean visible(FxRobot robot, String id) throws Exception {
        var node = robot.lookup(id).queryAs(Node.class);
        return onFx(node::isVisible);
    }
}
