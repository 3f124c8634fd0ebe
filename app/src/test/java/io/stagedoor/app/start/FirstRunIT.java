package io.stagedoor.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.StudioApplication;
import io.stagedoor.app.events.EventRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole studio as the README's start command runs it (its own local server in the process, data and settings
 * in fresh directories), driven headless through TestFX: a newcomer is guided to an organiser account and a sample
 * event on sale, sees its viewer page, lands in the workspace on that event (the broadcast screen sends to its ingest
 * without choosing it), and is signed in by itself on the next start.
 */
class FirstRunIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path configDir;

    private final FxRobot robot = new FxRobot();
    private Application studio;

    @BeforeEach
    void start() throws Exception {
        System.setProperty(StudioSettings.CONFIG_DIR_PROPERTY, configDir.toString());
        FxToolkit.registerPrimaryStage();
        studio = launch();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(studio);
        FxToolkit.cleanupStages();
        System.clearProperty(StudioSettings.CONFIG_DIR_PROPERTY);
    }

    private Application launch() throws Exception {
        return FxToolkit.setupApplication(
                StudioApplication.class, "--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir);
    }

    @Test
    void aNewcomerCreatesTheOrganiserAndASampleEventAndSeesItsViewerPage() throws Exception {
        await(() -> robot.lookup("#name").tryQuery().isPresent());
        assertThat(text("#showSignIn")).isEqualTo("I already have an account");

        robot.clickOn("#name").write("Ada Organiser");
        robot.clickOn("#newEmail").write("ada@example.org");
        robot.clickOn("#newPassword").write("a long enough password");
        robot.clickOn("#createAccount");

        await(() -> robot.lookup("#sampleTitle").tryQuery().isPresent());
        robot.doubleClickOn("#sampleTitle").eraseText(20).write("Launch Night");
        robot.clickOn("#createSampleEvent");

        await(() -> robot.lookup("#viewerPageUrl")
                .tryQueryAs(TextField.class)
                .filter(field -> !field.getText().isEmpty())
                .isPresent());
        var viewerPage = robot.lookup("#viewerPageUrl").queryAs(TextField.class).getText();
        assertThat(viewerPage).matches("http://127\\.0\\.0\\.1:\\d+/e/launch-night.*");
        var page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(viewerPage)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Launch Night").contains("Standard");

        robot.clickOn("#enterWorkspace");
        await(() -> eventRows().stream().anyMatch(row -> row.title().equals("Launch Night")));
        var row = eventRows().getFirst();
        assertThat(row.status()).isEqualTo("On sale");
        assertThat(row.soldOfQuota()).isEqualTo("0 / 100");
        assertThat(text("#organiserName")).isEqualTo("Ada Organiser");
        assertThat(text("#serverLabel")).isEqualTo("Local server (this computer)");
        // The workspace opens on the sample event: selected in the list, in the editor.
        await(() -> selectedRow().filter(r -> r.title().equals("Launch Night")).isPresent());
        assertThat(text("#editorHeading")).isEqualTo("Launch Night · On sale");

        // The window hosts the broadcast studio and the technician monitor behind their navigation entries. The
        // broadcast screen sends to the sample event's ingest, which nobody had to choose, and says where its show is.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        await(() -> robot.lookup("#preview").tryQuery().filter(Node::isVisible).isPresent());
        var toEvent = robot.lookup("#outputEvent").queryAs(RadioButton.class);
        assertThat(toEvent.isSelected()).isTrue();
        assertThat(toEvent.isDisabled()).isFalse();
        assertThat(text("#showTarget")).startsWith("Launch Night · ");
        await(() -> text("#showState").equals("Rehearsal — ticket holders are waiting"));
        robot.clickOn("#outputEvent");
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await(() -> text("#confirmMessage").startsWith("Start a rehearsal on “Launch Night”?"));
        robot.type(KeyCode.ESCAPE);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        await(() ->
                robot.lookup("#monitorChart").tryQuery().filter(Node::isVisible).isPresent());
        assertThat(robot.lookup("#renditions").tryQuery()).isPresent();
        assertThat(robot.lookup("Not available in this build.").tryQuery()).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);

        // No keyring on the build machines: the session waits in a file only its owner can read.
        var tokens = configDir.resolve("tokens.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)))
                .isEqualTo("rw-------");

        // The next start resumes the session: no guide, no sign-in, straight to the workspace.
        FxToolkit.cleanupApplication(studio);
        studio = launch();
        await(() -> eventRows().stream().anyMatch(r -> r.title().equals("Launch Night")));
        assertThat(robot.lookup("#name").tryQuery()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private java.util.List<EventRow> eventRows() {
        return robot.lookup("#events")
                .tryQuery()
                .map(node -> ((TableView<EventRow>) node).getItems().stream().toList())
                .orElse(java.util.List.of());
    }

    @SuppressWarnings("unchecked")
    private java.util.Optional<EventRow> selectedRow() {
        return robot.lookup("#events")
                .tryQuery()
                .map(node -> ((TableView<EventRow>) node).getSelectionModel().getSelectedItem());
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        // The condition may hold while the FX thread is still laying out what goes with it.
        WaitForAsyncUtils.waitForFxEvents();
    }
}
