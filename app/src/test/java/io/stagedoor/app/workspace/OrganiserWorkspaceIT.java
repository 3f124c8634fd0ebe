package io.stagedoor.app.workspace;

import static io.stagedoor.app.workspace.ScreenLookups.attendees;
import static io.stagedoor.app.workspace.ScreenLookups.await;
import static io.stagedoor.app.workspace.ScreenLookups.field;
import static io.stagedoor.app.workspace.ScreenLookups.reveal;
import static io.stagedoor.app.workspace.ScreenLookups.tableSize;
import static io.stagedoor.app.workspace.ScreenLookups.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.app.events.EventRow;
import io.stagedoor.server.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
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

/** The organiser workspace driven like a user would, headless through Monocle, against a real server. */
@ExtendWith(ApplicationExtension.class)
class OrganiserWorkspaceIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    @TempDir
    static Path files;

    private WorkspaceFixture fixture;
    private Path csvFile;

    @Start
    void start(Stage stage) {
        fixture = new WorkspaceFixture(server.baseUri(), "Workspace Organiser");
        csvFile = files.resolve("attendees-" + System.nanoTime() + ".csv");
        fixture.show(stage, csvFile);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void createsAnEventWithATicketTypeAndAPromoCodeAfterShowingWhatIsWrongInline(FxRobot robot) throws Exception {
        robot.clickOn("#newEvent");
        robot.clickOn("#eventTitle").write("Spring Recital");
        robot.doubleClickOn("#eventTime").eraseText(5).write("25:61");
        await(() -> text(robot, "#eventProblem").equals("Write the time as hours:minutes, e.g. 20:00."));
        assertThat(robot.lookup("#saveEvent").queryAs(Button.class).isDisabled())
                .isTrue();

        robot.doubleClickOn("#eventTime").eraseText(5).write("19:30");
        await(() -> text(robot, "#eventProblem").isEmpty());
        robot.clickOn("#saveEvent");
        await(() -> rows(robot).stream().anyMatch(row -> row.title().equals("Spring Recital")));
        await(() -> text(robot, "#editorHeading").equals("Spring Recital · Draft"));

        reveal(robot, "#ticketName");
        robot.clickOn("#ticketName").write("Balcony");
        robot.clickOn("#ticketPrice").write("12.555");
        await(() -> text(robot, "#ticketProblem").startsWith("The price is an amount like 15 or 15.50"));
        assertThat(robot.lookup("#addTicketType").queryAs(Button.class).isDisabled())
                .isTrue();
        robot.doubleClickOn("#ticketPrice").eraseText(6).write("12.50");
        robot.doubleClickOn("#ticketQuota").eraseText(3).write("40");
        robot.clickOn("#addTicketType");
        await(() -> tableSize(robot, "#ticketTypes") == 1);

        reveal(robot, "#promoCode");
        robot.clickOn("#promoCode").write("EARLY-BIRD");
        robot.clickOn("#promoPercent").write("20");
        robot.clickOn("#addPromoCode");
        await(() -> tableSize(robot, "#promoCodes") == 1);
        reveal(robot, "#publishEvent");
        robot.clickOn("#publishEvent");
        await(() -> rows(robot).stream()
                .anyMatch(r -> r.status().equals("On sale") && r.soldOfQuota().equals("0 / 40")));

        var event = fixture.organiser().events().list(1, 10).items().getFirst();
        var types = fixture.organiser().ticketTypes().list(event.id());
        assertThat(types).singleElement().satisfies(type -> {
            assertThat(type.name()).isEqualTo("Balcony");
            assertThat(type.priceMinor()).isEqualTo(1250);
            assertThat(type.currency()).isEqualTo("EUR");
            assertThat(type.quota()).isEqualTo(40);
        });
        assertThat(fixture.organiser().promoCodes().list(event.id()))
                .singleElement()
                .satisfies(code -> {
                    assertThat(code.code()).isEqualToIgnoringCase("EARLY-BIRD");
                    assertThat(code.kind()).isEqualTo(PromoKind.PERCENT);
                    assertThat(code.percentOff()).isEqualTo(20);
                });
    }

    @Test
    void aTicketBoughtThroughTheApiShowsInTheAttendeesAndTheDashboardAndIsRefundedAfterConfirmation(FxRobot robot)
            throws Exception {
        var sale = fixture.eventOnSale("Autumn Jazz");
        fixture.buy(sale, "Grace Hopper", "grace@example.org", 1);
        var order = fixture.buy(sale, "Ada Lovelace", "ada@example.org", 2).receipt();

        robot.type(KeyCode.F5);
        await(() -> rows(robot).stream().anyMatch(r -> r.soldOfQuota().equals("3 / 100")));
        clickCell(robot, "#events", "Autumn Jazz");

        robot.clickOn("#tab-sales");
        await(() -> text(robot, "#salesTickets").equals("3"));
        assertThat(text(robot, "#salesOrders")).isEqualTo("2");
        assertThat(text(robot, "#salesGross")).contains("45");
        assertThat(text(robot, "#salesNet")).isNotEqualTo("—");
        await(() -> points(robot, "#ticketsOverTime").equals(List.of(3.0)));
        assertThat(points(robot, "#revenueChart")).hasSize(4).first().isEqualTo(45.0);

        robot.clickOn("#tab-attendees");
        await(() -> attendees(robot).size() == 3);
        robot.clickOn("#attendeeSearch").write("lovelace");
        await(() -> attendees(robot).size() == 2);
        assertThat(attendees(robot)).allSatisfy(a -> assertThat(a.holderEmail()).isEqualTo("ada@example.org"));

        robot.clickOn("#exportCsv");
        await(() -> Files.exists(csvFile) && text(robot, "#attendeesMessage").startsWith("Saved the attendees"));
        assertThat(Files.readString(csvFile)).contains("grace@example.org").contains("ada@example.org");

        clickCell(robot, "#attendees", "ada@example.org");
        robot.clickOn("#refundOrder");
        robot.clickOn("Cancel");
        assertThat(fixture.organiser()
                        .orders()
                        .get(sale.event().id(), order.orderId())
                        .status())
                .isEqualTo(OrderStatus.PAID);

        robot.clickOn("#refundOrder");
        robot.clickOn("#confirm");
        await(() -> attendees(robot).stream().allMatch(a -> a.status() == TicketStatus.REVOKED));
        assertThat(text(robot, "#attendeesMessage")).startsWith("Refunded the order " + order.reference());
        assertThat(fixture.organiser()
                        .orders()
                        .get(sale.event().id(), order.orderId())
                        .status())
                .isEqualTo(OrderStatus.REFUNDED);

        robot.clickOn("#tab-sales");
        await(() -> text(robot, "#salesTickets").equals("1"));
        assertThat(text(robot, "#salesRefunds")).startsWith("Refunded orders: 1");
    }

    @Test
    void theStreamKeyIsHiddenCopyableAndReplacedOnlyAfterConfirmation(FxRobot robot) throws Exception {
        var sale = fixture.eventOnSale("Night Stream");
        robot.type(KeyCode.F5);
        await(() -> rows(robot).size() == 1);
        clickCell(robot, "#events", "Night Stream");
        robot.clickOn("#tab-stream");

        await(() -> field(robot, "#streamServerUrl").startsWith("rtmp://"));
        var original = fixture.organiser().streams().endpoint(sale.event().id()).streamKey();
        assertThat(field(robot, "#streamKey")).doesNotContain(original);
        robot.clickOn("#revealStreamKey");
        assertThat(field(robot, "#streamKey")).isEqualTo(original);
        assertThat(field(robot, "#viewerPage"))
                .isEqualTo(server.baseUri() + "e/" + sale.event().slug());
        robot.clickOn("#openViewerPage");
        assertThat(fixture.opened())
                .containsExactly(server.baseUri() + "e/" + sale.event().slug());

        robot.clickOn("#rotateStreamKey");
        robot.clickOn("Cancel");
        assertThat(fixture.organiser().streams().endpoint(sale.event().id()).streamKey())
                .isEqualTo(original);

        robot.clickOn("#rotateStreamKey");
        robot.clickOn("#confirm");
        await(() -> !field(robot, "#streamKey").equals(original));
        var rotated = fixture.organiser().streams().endpoint(sale.event().id()).streamKey();
        assertThat(rotated).isNotEqualTo(original);
        assertThat(field(robot, "#streamKey")).isEqualTo(rotated);
        assertThat(text(robot, "#streamMessage"))
                .isEqualTo("The stream key was replaced; the old one no longer works.");
    }

    @Test
    void keyboardShortcutsReachThePlaceholdersAndTheThemeSwitchesToDark(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL)
                .press(KeyCode.DIGIT2)
                .release(KeyCode.DIGIT2)
                .release(KeyCode.CONTROL);
        await(() -> robot.lookup("#placeholder-nav\\.broadcast").tryQuery().isPresent()
                || robot.lookup("Not available in this build.").tryQuery().isPresent());
        robot.clickOn("#nav-monitor");
        assertThat(robot.lookup("Not available in this build.").tryQuery()).isPresent();
        robot.clickOn("#nav-events");

        robot.clickOn("#themeToggle");
        await(() -> robot.lookup("#themeToggle").queryAs(Node.class).getScene().getStylesheets().stream()
                .anyMatch(sheet -> sheet.endsWith("studio-dark.css")));
        assertThat(text(robot, "#themeToggle")).isEqualTo("Light theme");
    }

    private static void clickCell(FxRobot robot, String table, String text) throws Exception {
        await(() -> robot.lookup(table).lookup(text).tryQuery().isPresent());
        robot.clickOn(robot.lookup(table).lookup(text).queryAs(Node.class));
    }

    @SuppressWarnings("unchecked")
    private static List<EventRow> rows(FxRobot robot) {
        return List.copyOf(robot.lookup("#events").queryAs(TableView.class).getItems());
    }

    /** The values of a chart's only series. */
    private static List<Double> points(FxRobot robot, String query) {
        XYChart<?, ?> chart = robot.lookup(query).queryAs(XYChart.class);
        return chart.getData().isEmpty()
                ? List.of()
                : chart.getData().getFirst().getData().stream()
                        .map(data -> ((Number) data.getYValue()).doubleValue())
                        .toList();
    }
}
