package io.stagedoor.app.workspace;

import static io.stagedoor.app.workspace.ScreenLookups.attendees;
import static io.stagedoor.app.workspace.ScreenLookups.await;
import static io.stagedoor.app.workspace.ScreenLookups.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.mail.MailStatus;
import io.stagedoor.server.testing.ServerExtension;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** E-mail that could not be delivered shows above the attendees with its reason, and is tried again from there. */
@ExtendWith(ApplicationExtension.class)
class FailedMailIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    @TempDir
    static Path files;

    private WorkspaceFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WorkspaceFixture(server.baseUri(), "Mail Organiser");
        fixture.show(stage, files.resolve("attendees.csv"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void undeliveredMailIsShownWithItsReasonAndTriedAgain(FxRobot robot) throws Exception {
        var sale = fixture.eventOnSale("Lost Letters");
        var order = fixture.buy(sale, "Nobody", "nobody@gone.example.org", 1).receipt();
        var eventId = sale.event().id();
        server.server().deliverMailNow();
        // As the mail server leaves a refused address (this server keeps its mail locally, where nothing fails).
        var database = server.server().config().database();
        Jdbi.create(database.url(), database.user(), database.password())
                .useHandle(handle ->
                        handle.createUpdate("""
                                UPDATE outbox_message SET status = 'FAILED',
                                    last_error = 'The mail server refused the address nobody@gone.example.org: 550 5.1.1'
                                WHERE order_id = :order
                                """).bind("order", order.orderId()).execute());

        robot.type(KeyCode.F5);
        await(() -> robot.lookup("#events").lookup("Lost Letters").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#events").lookup("Lost Letters").queryAs(Node.class));
        robot.clickOn("#tab-attendees");
        await(() -> attendees(robot).size() == 1);
        await(() -> robot.lookup("#failedMailBanner").query().isVisible());
        assertThat(text(robot, "#failedMailText"))
                .isEqualTo("One e-mail could not be delivered. The latest, to nobody@gone.example.org: The mail"
                        + " server refused the address nobody@gone.example.org: 550 5.1.1");

        robot.clickOn("#retryFailedMail");
        await(() -> !robot.lookup("#failedMailBanner").query().isVisible());
        assertThat(text(robot, "#attendeesMessage")).isEqualTo("Trying the e-mail again now.");
        assertThat(fixture.organiser()
                        .mail()
                        .list(eventId, MailStatus.FAILED, 1, 10)
                        .items())
                .isEmpty();
        server.server().deliverMailNow();
        assertThat(fixture.organiser().mail().list(eventId, null, 1, 10).items())
                .singleElement()
                .satisfies(message -> assertThat(message.status()).isEqualTo(MailStatus.KEPT));
    }
}
