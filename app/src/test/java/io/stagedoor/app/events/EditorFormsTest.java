package io.stagedoor.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.Problem;
import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeChanges;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ticket type and promo code forms, their rules and what they send, without a window or a server. */
class EditorFormsTest {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private final Messages messages = Messages.load();
    private final StagedoorClient nowhere =
            StagedoorClient.builder("http://127.0.0.1:9").maxRetries(0).build();

    @AfterEach
    void close() {
        nowhere.close();
    }

    @TempDir
    Path files;

    @Test
    void aTicketTypeFormBecomesADraftWithItsSaleWindowInTheEventsZoneAndItsAccess() {
        var form = new TicketTypeForm(messages);
        form.nameProperty().set(" Balcony ");
        form.priceProperty().set("12.50");
        form.quotaProperty().set("40");
        form.saleStarts().dateProperty().set(LocalDate.of(2027, 3, 1));
        form.saleStarts().timeProperty().set("9:00");
        form.saleEnds().dateProperty().set(LocalDate.of(2027, 3, 20));
        form.saleEnds().timeProperty().set("18:30");
        form.liveProperty().set(false);
        form.onDemandProperty().set(true);
        form.rentalHoursProperty().set("72");
        form.doorsOpenMinutesProperty().set("15");

        assertThat(form.firstProblem(VIENNA)).isEmpty();
        var draft = form.draft(VIENNA);
        assertThat(draft.name()).isEqualTo("Balcony");
        assertThat(draft.priceMinor()).isEqualTo(1250);
        assertThat(draft.currency()).isEqualTo("EUR");
        assertThat(draft.quota()).isEqualTo(40);
        assertThat(draft.saleStartsAt()).isEqualTo(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(draft.saleEndsAt()).isEqualTo(Instant.parse("2027-03-20T17:30:00Z"));
        assertThat(draft.access()).isEqualTo(new TicketAccess(false, 48, true, 72, 15));
    }

    @Test
    void aTicketTypeFormSaysWhatIsWrongInWords() {
        var form = new TicketTypeForm(messages);
        form.saleStarts().dateProperty().set(LocalDate.of(2027, 3, 20));
        form.saleEnds().dateProperty().set(LocalDate.of(2027, 3, 1));
        assertThat(form.saleEndsProblem(VIENNA)).contains("The sale must end after it starts.");
        form.saleEnds().dateProperty().set(LocalDate.of(2027, 3, 21));
        assertThat(form.saleEndsProblem(VIENNA)).isEmpty();
        form.saleEnds().timeProperty().set("7 pm");
        assertThat(form.saleEndsProblem(VIENNA)).contains("Write the time as hours:minutes, e.g. 20:00.");

        form.liveProperty().set(false);
        assertThat(form.accessProblem()).contains("A ticket grants live access, on-demand access or both.");
        assertThat(form.rentalHoursProblem("0")).isEmpty();
        form.onDemandProperty().set(true);
        assertThat(form.rentalHoursProblem("0"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("Rental hours are a whole number from 1 to 8784"));
        assertThat(form.doorsProblem("1441")).isPresent();
        assertThat(form.doorsProblem("0")).isEmpty();
        assertThat(form.replayHoursProblem("-1")).isPresent();
        assertThat(form.priceProblem("12.555")).isPresent();
        form.currencyProperty().set("JPY");
        assertThat(form.priceProblem("1200")).isEmpty();
        assertThat(form.priceProblem("12.5")).isPresent();
        assertThat(form.nameProblem("x".repeat(121))).isPresent();
    }

    @Test
    void editingATicketTypeShowsItsValuesAndSendsThemAsChanges() {
        var form = new TicketTypeForm(messages);
        var type = new TicketType(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Stalls",
                2000,
                "EUR",
                80,
                3,
                0,
                77,
                Instant.parse("2027-03-01T08:00:00Z"),
                null,
                new TicketAccess(true, 24, false, 0, 45));
        form.edit(type, VIENNA);
        assertThat(form.editingProperty().get()).isEqualTo(type);
        assertThat(form.priceProperty().get()).isEqualTo("20.00");
        assertThat(form.saleStarts().timeProperty().get()).isEqualTo("9:00");
        assertThat(form.saleEnds().dateProperty().get()).isNull();

        form.quotaProperty().set("120");
        var changes = form.changes(VIENNA);
        assertThat(changes.quota()).isEqualTo(120);
        assertThat(changes.priceMinor()).isEqualTo(2000);
        assertThat(changes.saleStartsAt()).isEqualTo(type.saleStartsAt());
        assertThat(changes.saleEndsAt()).isNull();
        assertThat(changes.clear()).containsExactly(TicketTypeChanges.SALE_ENDS_AT);
        assertThat(changes.access()).isEqualTo(type.access());
        form.saleStarts().dateProperty().set(null);
        assertThat(form.changes(VIENNA).clear())
                .as("an emptied sale start goes to the server as cleared, not as absent (which keeps it)")
                .containsExactly(TicketTypeChanges.SALE_STARTS_AT, TicketTypeChanges.SALE_ENDS_AT);

        form.clear();
        assertThat(form.editingProperty().get()).isNull();
        assertThat(form.nameProperty().get()).isEmpty();
        assertThat(form.currencyProperty().get())
                .as("the event's currency stays")
                .isEqualTo("EUR");
    }

    @Test
    void aFixedAmountIsInTheEventsCurrencyAndNeverMoreThanTheCheapestTicketItAppliesTo() {
        var stalls = type("Stalls", 2000);
        var balcony = type("Balcony", 1250);
        var types = FXCollections.observableArrayList(stalls, balcony);
        var form = new PromoCodeForm(messages, types);
        form.codeProperty().set("FRIENDS");
        form.kindProperty().set(PromoKind.FIXED);

        assertThat(form.percentProblem(""))
                .as("no percentage for an amount off")
                .isEmpty();
        assertThat(form.amountProblem("0"))
                .hasValueSatisfying(p -> assertThat(p).contains("EUR"));
        assertThat(form.amountProblem("15"))
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith("The amount off is more than the price of \"Balcony\""));
        form.limitedTo().add(stalls.id());
        assertThat(form.amountProblem("15")).isEmpty();
        assertThat(form.amountProblem("20.01")).isPresent();

        form.amountProperty().set("15");
        form.maxRedemptionsProperty().set("10");
        form.validFrom().dateProperty().set(LocalDate.of(2027, 2, 1));
        form.validUntil().dateProperty().set(LocalDate.of(2027, 1, 1));
        assertThat(form.validUntilProblem(VIENNA)).contains("The code must stop being valid after it starts.");
        form.validUntil().dateProperty().set(LocalDate.of(2027, 2, 28));
        form.validUntil().timeProperty().set("23:59");
        assertThat(form.firstProblem(VIENNA)).isEmpty();

        var draft = form.draft(VIENNA);
        assertThat(draft.kind()).isEqualTo(PromoKind.FIXED);
        assertThat(draft.amountOffMinor()).isEqualTo(1500);
        assertThat(draft.percentOff()).isNull();
        assertThat(draft.ticketTypeIds()).containsExactly(stalls.id());
        assertThat(draft.maxRedemptions()).isEqualTo(10);
        assertThat(draft.validFrom()).isEqualTo(Instant.parse("2027-01-31T23:00:00Z"));
        assertThat(draft.validUntil()).isEqualTo(Instant.parse("2027-02-28T22:59:00Z"));

        var noTypes = new PromoCodeForm(messages, List.of());
        noTypes.kindProperty().set(PromoKind.FIXED);
        assertThat(noTypes.amountProblem("5")).contains(messages.get("editor.rule.amountNeedsTicketType"));
    }

    @Test
    void editingAPromoCodeChangesOnlyItsLimits() {
        var stalls = type("Stalls", 2000);
        var form = new PromoCodeForm(messages, List.of(stalls));
        var code = new PromoCode(
                UUID.randomUUID(),
                stalls.eventId(),
                "FRIENDS",
                PromoKind.FIXED,
                null,
                500L,
                List.of(stalls.id()),
                5,
                2,
                null,
                Instant.parse("2027-02-28T22:59:00Z"),
                true,
                Instant.EPOCH);
        form.edit(code, VIENNA);
        assertThat(form.amountProperty().get()).isEqualTo("5.00");
        assertThat(form.limitedTo()).containsExactly(stalls.id());
        assertThat(form.validUntil().timeProperty().get()).isEqualTo("23:59");
        form.maxRedemptionsProperty().set("");
        assertThat(form.maxRedemptionsProblem("")).isEmpty();
        assertThat(form.maxRedemptionsProblem("0")).isPresent();
        form.maxRedemptionsProperty().set("50");
        var changes = form.changes(VIENNA);
        assertThat(changes.maxRedemptions()).isEqualTo(50);
        assertThat(changes.validUntil()).isEqualTo(code.validUntil());
        assertThat(changes.active()).isNull();
        assertThat(changes.clear()).containsExactly(PromoCodeChanges.VALID_FROM);
        form.maxRedemptionsProperty().set("");
        form.validUntil().dateProperty().set(null);
        assertThat(form.changes(VIENNA).clear())
                .as("emptied limits are lifted on the server")
                .containsExactlyInAnyOrderElementsOf(PromoCodeChanges.CLEARABLE);
    }

    @Test
    void theServersRefusalsLandAtTheirFieldsUntilTheFieldChanges() {
        var refusals = new ServerRefusals();
        var slug = new SimpleStringProperty("taken");
        refusals.clearOnChange("slug", slug);
        var conflict = new ApiProblemException(new Problem(
                URI.create("urn:stagedoor:problem:slug-taken"),
                "Address taken",
                409,
                "Another event uses the address \"taken\"; choose another.",
                null,
                List.of()));
        assertThat(refusals.take(conflict)).isTrue();
        assertThat(refusals.of("slug")).contains("Another event uses the address \"taken\"; choose another.");
        slug.set("free");
        assertThat(refusals.of("slug")).isEmpty();

        var invalid = new ApiProblemException(new Problem(
                Problem.BLANK,
                "Invalid input",
                400,
                null,
                null,
                List.of(new FieldError("saleEndsAt", "must be after saleStartsAt"))));
        assertThat(refusals.take(invalid)).isTrue();
        assertThat(refusals.of("saleEndsAt")).contains("must be after saleStartsAt");
        var elsewhere = new ApiProblemException(new Problem(
                URI.create("urn:stagedoor:problem:event-closed"), "Event closed", 409, "No.", null, List.of()));
        assertThat(refusals.take(elsewhere)).isFalse();
    }

    @Test
    void aCoverFileIsCheckedForItsTypeAndSizeBeforeItIsSent() throws Exception {
        var editor = EventEditorRulesTest.offlineEditor(nowhere);
        var png = Files.write(files.resolve("cover.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        var jpeg = Files.write(files.resolve("cover.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
        var text = Files.writeString(files.resolve("cover.gif"), "GIF89a");
        var large = files.resolve("large.png");
        try (var out = Files.newOutputStream(large)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            out.write(new byte[(int) EventEditorViewModel.MAX_COVER_BYTES]);
        }
        assertThat(editor.coverFileProblem(png)).isEmpty();
        assertThat(editor.coverFileProblem(jpeg)).isEmpty();
        assertThat(editor.coverFileProblem(text))
                .contains("The file cover.gif is neither a PNG nor a JPEG image. Choose one of those.");
        assertThat(editor.coverFileProblem(large))
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith("The file large.png is 8 MB; a cover may have at most 8 MB"));
        assertThat(editor.coverFileProblem(files.resolve("missing.png"))).isPresent();
    }

    @Test
    void theAddressAndColourFollowTheServersRules() {
        var editor = EventEditorRulesTest.offlineEditor(nowhere);
        assertThat(editor.slugProblem(""))
                .as("a new event's address comes from its title")
                .isEmpty();
        assertThat(editor.slugProblem("spring-recital-2027")).isEmpty();
        assertThat(editor.slugProblem("Spring Recital")).isPresent();
        assertThat(editor.slugProblem("-edge")).isPresent();
        assertThat(editor.slugProblem("ab")).isPresent();
        assertThat(editor.colourProblem("#7a1f5c")).isEmpty();
        assertThat(editor.colourProblem("purple")).contains("The colour is written like #5B3CC4.");
        editor.slugProperty().set("spring-recital");
        assertThat(editor.publicAddressProperty().get()).isEqualTo("http://127.0.0.1:9/e/spring-recital");
    }

    private static TicketType type(String name, long priceMinor) {
        return new TicketType(
                UUID.randomUUID(),
                UUID.randomUUID(),
                name,
                priceMinor,
                "EUR",
                100,
                0,
                0,
                100,
                null,
                null,
                new TicketAccess(true, 48, false, 0));
    }
}
