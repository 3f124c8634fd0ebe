package io.stagedoor.app.workspace;

import static io.stagedoor.app.workspace.ScreenLookups.attendees;
import static io.stagedoor.app.workspace.ScreenLookups.await;
import static io.stagedoor.app.workspace.ScreenLookups.field;
import static io.stagedoor.app.workspace.ScreenLookups.reveal;
import static io.stagedoor.app.workspace.ScreenLookups.tableSize;
import static io.stagedoor.app.workspace.ScreenLookups.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.Revocation;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.server.testing.ServerExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Labeled;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
 * The event editor's every field and the attendees' single-ticket revoke, driven like a user would (headless through
 * Monocle), each checked through the real API against a real server.
 */
@ExtendWith(ApplicationExtension.class)
class EventEditorIT {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    @TempDir
    static Path files;

    private WorkspaceFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WorkspaceFixture(server.baseUri(), "Editor Organiser");
        fixture.show(stage, files.resolve("attendees-" + System.nanoTime() + ".csv"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyFieldOfTheEventItsTicketTypesAndPromoCodesReachesTheServer(FxRobot robot) throws Exception {
        var other = fixture.organiser()
                .events()
                .create(new EventDraft(
                        "Someone Else's Night",
                        "",
                        Instant.now().plus(30, ChronoUnit.DAYS),
                        "Europe/Vienna",
                        60,
                        null,
                        "taken-address"));
        var day = LocalDate.now(VIENNA).plusMonths(2);

        // The event, with an address another event already has: the server's answer shows at the address.
        click(robot, "#newEvent");
        click(robot, "#eventTitle");
        robot.write("Summer Gala");
        click(robot, "#eventDescription");
        robot.write("Strings under the stars.");
        date(robot, "#eventDate", day);
        replace(robot, "#eventTime", "19:30");
        replace(robot, "#eventTimeZone", "Europe/Vienna");
        replace(robot, "#eventDuration", "150");
        click(robot, "#eventAutoStart");
        replace(robot, "#eventSlug", "taken-address");
        replace(robot, "#eventColourCode", "#7A1F5C");
        await(() -> robot.lookup("#eventColour")
                .queryAs(ColorPicker.class)
                .getValue()
                .equals(Color.web("#7A1F5C")));
        click(robot, "#saveEvent");
        await(() -> text(robot, "#eventProblem")
                .equals("Web address: Another event uses the address \"taken-address\"; choose another."));
        assertThat(robot.lookup("#saveEvent").queryAs(Button.class).isDisabled())
                .isTrue();

        replace(robot, "#eventSlug", "summer-gala-" + day.getYear());
        await(() -> text(robot, "#eventProblem").isEmpty());
        assertThat(text(robot, "#eventAddress")).isEqualTo(server.baseUri() + "e/summer-gala-" + day.getYear());
        click(robot, "#saveEvent");
        await(() -> text(robot, "#editorHeading").equals("Summer Gala · Draft"));
        var event = fixture.organiser().events().list(1, 10).items().stream()
                .filter(e -> e.title().equals("Summer Gala"))
                .findFirst()
                .orElseThrow();
        assertThat(event.slug()).isEqualTo("summer-gala-" + day.getYear());
        assertThat(event.description()).isEqualTo("Strings under the stars.");
        assertThat(event.brandColour()).isEqualToIgnoringCase("#7A1F5C");
        assertThat(event.timeZone()).isEqualTo("Europe/Vienna");
        assertThat(event.durationMinutes()).isEqualTo(150);
        assertThat(event.autoStart()).as("starts by itself at its start time").isTrue();
        assertThat(event.startsAt()).isEqualTo(day.atTime(19, 30).atZone(VIENNA).toInstant());
        assertThat(fixture.organiser().events().get(other.id()).slug()).isEqualTo("taken-address");

        // The cover: a file that is no image is refused before it is sent, a PNG is uploaded and shown.
        fixture.chooseCover(Files.writeString(files.resolve("notes.png"), "not an image"));
        click(robot, "#chooseCover");
        await(() -> text(robot, "#coverProblem").startsWith("The file notes.png is neither a PNG nor a JPEG"));
        assertThat(fixture.organiser().events().get(event.id()).hasCover()).isFalse();
        var png = files.resolve("cover.png");
        var picture = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        var pen = picture.createGraphics();
        pen.setColor(new java.awt.Color(0x7A, 0x1F, 0x5C));
        pen.fillRect(0, 0, 400, 200);
        pen.dispose();
        ImageIO.write(picture, "png", png.toFile());
        fixture.chooseCover(png);
        click(robot, "#chooseCover");
        await(() -> robot.lookup("#coverThumbnail").queryAs(ImageView.class).getImage() != null);
        assertThat(text(robot, "#coverProblem")).isEmpty();
        assertThat(fixture.organiser().events().get(event.id()).hasCover()).isTrue();
        var stored = ImageIO.read(
                new ByteArrayInputStream(fixture.organiser().events().cover(event.id())));
        assertThat(stored.getWidth()).isEqualTo(2 * stored.getHeight());
        var middle = new java.awt.Color(stored.getRGB(stored.getWidth() / 2, stored.getHeight() / 2));
        assertThat(middle.getRed()).isCloseTo(0x7A, org.assertj.core.data.Offset.offset(8));
        assertThat(middle.getBlue()).isCloseTo(0x5C, org.assertj.core.data.Offset.offset(8));

        // A ticket type with a sale window, on-demand access and early doors; the window's end before its start is
        // refused inline.
        click(robot, "#ticketName");
        robot.write("Stalls");
        click(robot, "#ticketPrice");
        robot.write("20");
        replace(robot, "#ticketQuota", "80");
        var saleOpens = LocalDate.now(VIENNA).plusDays(1);
        date(robot, "#saleFromDate", saleOpens);
        replace(robot, "#saleFromTime", "9:00");
        date(robot, "#saleUntilDate", saleOpens.minusDays(1));
        await(() -> text(robot, "#ticketProblem").equals("The sale must end after it starts."));
        assertThat(robot.lookup("#addTicketType").queryAs(Button.class).isDisabled())
                .isTrue();
        date(robot, "#saleUntilDate", day);
        replace(robot, "#saleUntilTime", "18:00");
        replace(robot, "#ticketReplayHours", "24");
        click(robot, "#ticketOnDemand");
        replace(robot, "#ticketRentalHours", "72");
        replace(robot, "#ticketDoors", "45");
        await(() -> text(robot, "#ticketProblem").isEmpty());
        click(robot, "#addTicketType");
        await(() -> tableSize(robot, "#ticketTypes") == 1);
        var stalls = fixture.organiser().ticketTypes().list(event.id()).getFirst();
        assertThat(stalls.name()).isEqualTo("Stalls");
        assertThat(stalls.priceMinor()).isEqualTo(2000);
        assertThat(stalls.quota()).isEqualTo(80);
        assertThat(stalls.saleStartsAt())
                .isEqualTo(saleOpens.atTime(9, 0).atZone(VIENNA).toInstant());
        assertThat(stalls.saleEndsAt())
                .isEqualTo(day.atTime(18, 0).atZone(VIENNA).toInstant());
        assertThat(stalls.access()).isEqualTo(new TicketAccess(true, 24, true, 72, 45));

        // Edited: a new price and quota, the sale's start removed (on sale at once), the rest kept.
        clickCell(robot, "#ticketTypes", "Stalls");
        click(robot, "#editTicketType");
        await(() -> field(robot, "#ticketName").equals("Stalls"));
        assertThat(field(robot, "#ticketDoors")).isEqualTo("45");
        replace(robot, "#ticketPrice", "22.50");
        replace(robot, "#ticketQuota", "120");
        empty(robot, "#saleFromDate");
        click(robot, "#addTicketType");
        await(() ->
                fixture.organiser().ticketTypes().list(event.id()).getFirst().quota() == 120);
        var edited = fixture.organiser().ticketTypes().list(event.id()).getFirst();
        assertThat(edited.id()).isEqualTo(stalls.id());
        assertThat(edited.priceMinor()).isEqualTo(2250);
        assertThat(edited.access()).isEqualTo(stalls.access());
        assertThat(edited.saleEndsAt()).isEqualTo(stalls.saleEndsAt());
        assertThat(edited.saleStartsAt()).isNull();
        await(() -> field(robot, "#ticketName").isEmpty());

        // A fixed amount off, limited to Stalls, ten uses, for a period; more than the ticket's price is refused.
        click(robot, "#promoCode");
        robot.write("FRIENDS");
        click(robot, "#promoKindFixed");
        click(robot, "#promoAmount");
        robot.write("25");
        await(() -> text(robot, "#promoProblem").startsWith("The amount off is more than the price of \"Stalls\""));
        assertThat(robot.lookup("#addPromoCode").queryAs(Button.class).isDisabled())
                .isTrue();
        replace(robot, "#promoAmount", "5");
        click(robot, "#promoFor-" + stalls.id());
        replace(robot, "#promoMaxRedemptions", "10");
        date(robot, "#promoValidFromDate", saleOpens);
        date(robot, "#promoValidUntilDate", day);
        replace(robot, "#promoValidUntilTime", "12:00");
        await(() -> text(robot, "#promoProblem").isEmpty());
        click(robot, "#addPromoCode");
        await(() -> tableSize(robot, "#promoCodes") == 1);
        var code = fixture.organiser().promoCodes().list(event.id()).getFirst();
        assertThat(code.code()).isEqualTo("FRIENDS");
        assertThat(code.kind()).isEqualTo(PromoKind.FIXED);
        assertThat(code.amountOffMinor()).isEqualTo(500);
        assertThat(code.ticketTypeIds()).containsExactly(stalls.id());
        assertThat(code.maxRedemptions()).isEqualTo(10);
        assertThat(code.validFrom()).isEqualTo(saleOpens.atStartOfDay(VIENNA).toInstant());
        assertThat(code.validUntil())
                .isEqualTo(day.atTime(LocalTime.NOON).atZone(VIENNA).toInstant());

        // Its limits edited; the table shows the uses against the limit.
        clickCell(robot, "#promoCodes", "FRIENDS");
        click(robot, "#editPromoCode");
        await(() -> field(robot, "#promoMaxRedemptions").equals("10"));
        replace(robot, "#promoMaxRedemptions", "20");
        click(robot, "#addPromoCode");
        await(() -> fixture.organiser().promoCodes().list(event.id()).getFirst().maxRedemptions() == 20);
        await(() -> robot.lookup("#promoCodes").lookup("0 of 20").tryQuery().isPresent());
        assertThat(fixture.organiser().promoCodes().list(event.id()).getFirst().amountOffMinor())
                .isEqualTo(500);

        // Its limit of uses and its end lifted by emptying them; its start stays.
        clickCell(robot, "#promoCodes", "FRIENDS");
        click(robot, "#editPromoCode");
        await(() -> field(robot, "#promoMaxRedemptions").equals("20"));
        replace(robot, "#promoMaxRedemptions", "");
        empty(robot, "#promoValidUntilDate");
        click(robot, "#addPromoCode");
        await(() -> fixture.organiser().promoCodes().list(event.id()).getFirst().maxRedemptions() == null);
        var lifted = fixture.organiser().promoCodes().list(event.id()).getFirst();
        assertThat(lifted.validUntil()).isNull();
        assertThat(lifted.validFrom()).isEqualTo(code.validFrom());
    }

    @Test
    void aShowOnAirReadsOnAirAndStartingByItselfIsSwitchedOnAndOff(FxRobot robot) throws Exception {
        var sale = fixture.eventOnSale("Live Night");
        fixture.organiser().events().startShow(sale.event().id());
        robot.type(KeyCode.F5);
        clickCell(robot, "#events", "Live Night");
        await(() -> text(robot, "#editorHeading").equals("Live Night · On air"));
        await(() -> robot.lookup("#events").lookup("On air").tryQuery().isPresent());
        var box = robot.lookup("#eventAutoStart").queryAs(CheckBox.class);
        assertThat(box.isSelected()).isFalse();

        click(robot, "#eventAutoStart");
        click(robot, "#saveEvent");
        await(() -> fixture.organiser().events().get(sale.event().id()).autoStart());
        await(() -> text(robot, "#editorMessage").equals("Saved \"Live Night\"."));
        click(robot, "#eventAutoStart");
        click(robot, "#saveEvent");
        await(() -> !fixture.organiser().events().get(sale.event().id()).autoStart());
        var event = fixture.organiser().events().get(sale.event().id());
        assertThat(event.title()).as("the rest kept").isEqualTo("Live Night");
        assertThat(event.status()).isEqualTo(io.stagedoor.api.events.EventStatus.LIVE);
    }

    @Test
    void aTicketTypeWithSalesIsNotDeletedAndTheServerSaysWhy(FxRobot robot) throws Exception {
        var sale = fixture.eventOnSale("Sold Night");
        fixture.buy(sale, "Grace Hopper", "grace@example.org", 1);
        robot.type(KeyCode.F5);
        clickCell(robot, "#events", "Sold Night");
        clickCell(robot, "#ticketTypes", "Standard");
        click(robot, "#deleteTicketType");
        robot.clickOn("#confirm");
        await(() -> text(robot, "#editorMessage").contains("Orders include this ticket type"));
        assertThat(fixture.organiser().ticketTypes().list(sale.event().id())).hasSize(1);
    }

    @Test
    void oneTicketIsRevokedAfterConfirmationWithoutARefundAndUndone(FxRobot robot) throws Exception {
        var sale = fixture.eventOnSale("Revoke Night");
        var order = fixture.buy(sale, "Ada Lovelace", "ada@example.org", 2).receipt();
        robot.type(KeyCode.F5);
        clickCell(robot, "#events", "Revoke Night");
        robot.clickOn("#tab-attendees");
        await(() -> attendees(robot).size() == 2);
        var first = attendees(robot).getFirst();

        clickCell(robot, "#attendees", first.ticketCode());
        robot.clickOn("#revokeTicket");
        robot.clickOn("Cancel");
        assertThat(ticket(sale, first).status()).isEqualTo(TicketStatus.VALID);

        robot.clickOn("#revokeTicket");
        await(() -> robot.lookup("#confirmation").tryQuery().isPresent());
        assertThat(robot.lookup("#confirmation .content").queryAs(Labeled.class).getText())
                .as("the question says what happens, that it is no refund and can be undone")
                .contains("stops opening the stream")
                .contains("This is not a refund")
                .contains("undo");
        robot.clickOn("#confirm");
        await(() -> attendees(robot).stream()
                .anyMatch(a -> a.ticketId().equals(first.ticketId()) && a.status() == TicketStatus.REVOKED));
        await(() ->
                robot.lookup("#attendees").lookup("Revoked by you").tryQuery().isPresent());
        assertThat(text(robot, "#attendeesMessage"))
                .isEqualTo("Revoked the ticket " + first.ticketCode() + ". It is not refunded.");
        assertThat(robot.lookup("#undoBanner").queryAs(Node.class).isVisible()).isTrue();
        assertThat(ticket(sale, first).revocation()).isEqualTo(Revocation.ORGANISER);
        assertThat(attendees(robot))
                .filteredOn(a -> !a.ticketId().equals(first.ticketId()))
                .singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(TicketStatus.VALID));
        assertThat(fixture.organiser()
                        .orders()
                        .get(sale.event().id(), order.orderId())
                        .status())
                .isEqualTo(OrderStatus.PAID);
        assertThat(robot.lookup("#revokeTicket").queryAs(Button.class).isDisabled())
                .as("a revoked ticket cannot be revoked again")
                .isTrue();

        robot.clickOn("#undoRevoke");
        await(() -> ticket(sale, first).status() == TicketStatus.VALID);
        await(() -> attendees(robot).stream().allMatch(a -> a.status() == TicketStatus.VALID));
        assertThat(text(robot, "#attendeesMessage")).startsWith("The ticket " + first.ticketCode() + " is valid again");
        assertThat(robot.lookup("#undoBanner").queryAs(Node.class).isVisible()).isFalse();

        // Revoked again, and reinstated later from its row rather than the banner.
        clickCell(robot, "#attendees", first.ticketCode());
        robot.clickOn("#revokeTicket");
        robot.clickOn("#confirm");
        await(() -> ticket(sale, first).status() == TicketStatus.REVOKED);
        clickCell(robot, "#attendees", first.ticketCode());
        await(() -> !robot.lookup("#reinstateTicket").queryAs(Button.class).isDisabled());
        robot.clickOn("#reinstateTicket");
        await(() -> ticket(sale, first).status() == TicketStatus.VALID);
        assertThat(robot.lookup("#undoBanner").queryAs(Node.class).isVisible()).isFalse();
    }

    private Attendee ticket(WorkspaceFixture.Sale sale, Attendee which) {
        return fixture.organiser().orders().attendees(sale.event().id(), 1, 100).items().stream()
                .filter(a -> a.ticketId().equals(which.ticketId()))
                .findFirst()
                .orElseThrow();
    }

    /** Scrolls the editor to the node first, as a user would, then clicks it. */
    private static void click(FxRobot robot, String query) throws Exception {
        reveal(robot, query);
        robot.clickOn(query);
    }

    /** Empties a text field and types {@code text} into it. */
    private static void replace(FxRobot robot, String query, String text) throws Exception {
        click(robot, query);
        robot.push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types a day into a date picker in the user's own format, then leaves the field so that it takes it. */
    private static void date(FxRobot robot, String query, LocalDate day) throws Exception {
        var picker = robot.lookup(query).queryAs(DatePicker.class);
        replace(robot, query, picker.getConverter().toString(day));
        robot.type(KeyCode.TAB);
        await(() -> day.equals(picker.getValue()));
    }

    /** Empties a date picker, then leaves it so that it takes the empty value. */
    private static void empty(FxRobot robot, String query) throws Exception {
        var picker = robot.lookup(query).queryAs(DatePicker.class);
        replace(robot, query, "");
        robot.type(KeyCode.TAB);
        await(() -> picker.getValue() == null);
    }

    private static void clickCell(FxRobot robot, String table, String text) throws Exception {
        await(() -> robot.lookup(table).lookup(text).tryQuery().isPresent());
        reveal(robot, table);
        robot.clickOn(robot.lookup(table).lookup(text).queryAs(Node.class));
    }
}
