package io.stagedoor.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeChanges;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Events, ticket types, promo codes and covers, through the real client, on H2 and on PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class EventsIT {

    @Parameter(0)
    TestDatabase database;

    private static StagedoorServer server;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        var dataDir = Files.createTempDirectory("stagedoor-events-");
        dataDir.toFile().deleteOnExit();
        server = StagedoorServer.start(database.config(dataDir));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static final Instant NEXT_MONTH =
            Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final TicketAccess LIVE_AND_48H_REPLAY = new TicketAccess(true, 48, false, 0);

    private StagedoorClient organiser;

    @BeforeEach
    void signIn() {
        organiser = Organisers.signedIn(server.baseUri(), "Gala Organiser");
    }

    @AfterEach
    void close() {
        organiser.close();
    }

    private static ApiProblemException problem(Runnable call) {
        try {
            call.run();
        } catch (ApiProblemException e) {
            return e;
        }
        throw new AssertionError("expected the server to refuse");
    }

    private static EventDraft draft(String title) {
        return new EventDraft(title, "An evening of music.", NEXT_MONTH, "Europe/Vienna", 150, "#12ab34", null);
    }

    private static TicketTypeDraft ticket(String name, long priceMinor, String currency, int quota) {
        return new TicketTypeDraft(name, priceMinor, currency, quota, null, null, LIVE_AND_48H_REPLAY);
    }

    @Test
    void anEventStartsAsADraftWithAnAddressMadeFromItsTitle() {
        var event = organiser.events().create(draft("Großes Sommer-Gala 2026!"));

        assertThat(event.status()).isEqualTo(EventStatus.DRAFT);
        assertThat(event.slug()).isEqualTo("grosses-sommer-gala-2026");
        assertThat(event.startsAt()).isEqualTo(NEXT_MONTH);
        assertThat(event.timeZone()).isEqualTo("Europe/Vienna");
        assertThat(event.brandColour()).isEqualTo("#12AB34");
        assertThat(event.hasCover()).isFalse();

        var twin = organiser.events().create(draft("Großes Sommer-Gala 2026!"));
        assertThat(twin.slug()).startsWith(event.slug() + "-").isNotEqualTo(event.slug());

        assertThat(problem(() -> organiser.events().publicEvent(event.slug())).status())
                .as("a draft is not public")
                .isEqualTo(404);
    }

    @Test
    void publishingNeedsSomethingToSellAndMakesTheEventPublic() {
        var event = organiser.events().create(draft("Launch Night"));
        var nothingToSell = problem(() -> organiser.events().publish(event.id()));
        assertThat(nothingToSell.status()).isEqualTo(409);
        assertThat(nothingToSell.problem().type()).hasToString("urn:stagedoor:problem:no-ticket-types");

        organiser.ticketTypes().create(event.id(), ticket("Standard", 1500, "EUR", 100));
        assertThat(organiser.events().publish(event.id()).status()).isEqualTo(EventStatus.ON_SALE);

        var visible = organiser.events().publicEvent(event.slug());
        assertThat(visible.title()).isEqualTo("Launch Night");
        assertThat(visible.ticketTypes()).singleElement().satisfies(t -> {
            assertThat(t.priceMinor()).isEqualTo(1500);
            assertThat(t.available()).isEqualTo(100);
            assertThat(t.onSaleNow()).isTrue();
        });

        var renamed = problem(() -> organiser
                .events()
                .update(event.id(), new EventChanges(null, null, null, null, null, null, "other-address")));
        assertThat(renamed.problem().type()).hasToString("urn:stagedoor:problem:slug-fixed");
        assertThat(organiser
                        .events()
                        .update(event.id(), new EventChanges("Launch Night II", null, null, null, 90, null, null))
                        .durationMinutes())
                .isEqualTo(90);

        assertThat(organiser.events().end(event.id()).status()).isEqualTo(EventStatus.ENDED);
        assertThat(problem(() -> organiser.events().publish(event.id())).status())
                .isEqualTo(409);
    }

    @Test
    void badEventsAreRefusedFieldByField() {
        var invalid = problem(() -> organiser
                .events()
                .create(new EventDraft(" ", null, null, "Mars/Olympus", 0, "purple", "No Spaces Allowed")));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.problem().errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("title", "startsAt", "timeZone", "durationMinutes", "brandColour", "slug");

        var ancient = problem(() -> organiser
                .events()
                .create(new EventDraft("Old", null, Instant.parse("1999-12-31T23:00:00Z"), "UTC", 60, null, null)));
        assertThat(ancient.problem().errors())
                .containsExactly(new FieldError("startsAt", "must be between yesterday and five years from now"));
    }

    @Test
    void ticketTypesKeepOneRealCurrencyAndSanePrices() {
        var event = organiser.events().create(draft("Concert"));
        var unknown = problem(() -> organiser.ticketTypes().create(event.id(), ticket("A", 100, "XYZ", 10)));
        assertThat(unknown.problem().errors())
                .containsExactly(
                        new FieldError("currency", "must be an ISO 4217 currency code such as EUR, was \"XYZ\""));

        var negative = problem(() -> organiser.ticketTypes().create(event.id(), ticket("A", -1, "EUR", 10)));
        assertThat(negative.problem().errors())
                .containsExactly(new FieldError("priceMinor", "must be from 0 to 10000000, was -1"));
        var absurd = problem(() -> organiser.ticketTypes().create(event.id(), ticket("A", 20_000_000, "JPY", 10)));
        assertThat(absurd.problem().errors())
                .containsExactly(new FieldError("priceMinor", "must be from 0 to 100000, was 20000000"));

        var standard = organiser.ticketTypes().create(event.id(), ticket("Standard", 2500, "eur", 200));
        assertThat(standard.currency()).isEqualTo("EUR");
        var otherCurrency = problem(() -> organiser.ticketTypes().create(event.id(), ticket("VIP", 9900, "USD", 10)));
        assertThat(otherCurrency.problem().errors().getFirst().message()).startsWith("must be EUR");

        var changed = organiser
                .ticketTypes()
                .update(event.id(), standard.id(), new TicketTypeChanges(null, 2700L, 150, null, null, null, null));
        assertThat(changed.priceMinor()).isEqualTo(2700);
        assertThat(changed.quota()).isEqualTo(150);
        assertThat(organiser.ticketTypes().list(event.id())).containsExactly(changed);

        // A sale window is set, and removed again by naming its fields in "clear"; the rest of the type stays.
        var opens = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        var windowed = organiser
                .ticketTypes()
                .update(
                        event.id(),
                        standard.id(),
                        new TicketTypeChanges(null, null, null, opens, opens.plus(Duration.ofDays(7)), null, null));
        assertThat(windowed.saleStartsAt()).isEqualTo(opens);
        assertThat(windowed.saleEndsAt()).isEqualTo(opens.plus(Duration.ofDays(7)));
        var halfOpen = organiser
                .ticketTypes()
                .update(
                        event.id(),
                        standard.id(),
                        new TicketTypeChanges(
                                null, null, null, null, null, null, List.of(TicketTypeChanges.SALE_STARTS_AT)));
        assertThat(halfOpen.saleStartsAt()).isNull();
        assertThat(halfOpen.saleEndsAt()).isEqualTo(opens.plus(Duration.ofDays(7)));
        var unbounded = organiser
                .ticketTypes()
                .update(
                        event.id(),
                        standard.id(),
                        new TicketTypeChanges(
                                null, null, null, null, null, null, List.of(TicketTypeChanges.SALE_ENDS_AT)));
        assertThat(unbounded).isEqualTo(changed);
        var muddled = problem(() -> organiser
                .ticketTypes()
                .update(
                        event.id(),
                        standard.id(),
                        new TicketTypeChanges(
                                null,
                                null,
                                null,
                                opens,
                                null,
                                null,
                                List.of(TicketTypeChanges.SALE_STARTS_AT, "price"))));
        assertThat(muddled.problem().errors())
                .containsExactlyInAnyOrder(
                        new FieldError(
                                "saleStartsAt", "is both given and cleared: send a value to change it, or clear it"),
                        new FieldError("clear", "can name saleStartsAt, saleEndsAt, not price"));
        assertThat(organiser.ticketTypes().list(event.id())).containsExactly(changed);

        organiser.ticketTypes().delete(event.id(), standard.id());
        assertThat(organiser.ticketTypes().list(event.id())).isEmpty();
    }

    @Test
    void promoCodesAreCaseInsensitiveAndChecked() {
        var event = organiser.events().create(draft("Festival"));
        var dayPass = organiser.ticketTypes().create(event.id(), ticket("Day", 3000, "EUR", 100));

        var code = organiser
                .promoCodes()
                .create(
                        event.id(),
                        new PromoCodeDraft(
                                "early-bird", PromoKind.PERCENT, 20, null, List.of(dayPass.id()), 10, null, null));
        assertThat(code.code()).isEqualTo("EARLY-BIRD");
        assertThat(code.ticketTypeIds()).containsExactly(dayPass.id());

        var duplicate = problem(() -> organiser
                .promoCodes()
                .create(
                        event.id(),
                        new PromoCodeDraft("Early-Bird", PromoKind.FIXED, null, 500L, null, null, null, null)));
        assertThat(duplicate.status()).isEqualTo(409);

        var invalid = problem(() -> organiser
                .promoCodes()
                .create(
                        event.id(),
                        new PromoCodeDraft(
                                "x",
                                PromoKind.PERCENT,
                                120,
                                5L,
                                List.of(UUID.randomUUID()),
                                0,
                                NEXT_MONTH,
                                Instant.now())));
        assertThat(invalid.problem().errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("code", "percentOff", "amountOffMinor", "maxRedemptions", "validUntil");

        var stopped = organiser
                .promoCodes()
                .update(event.id(), code.id(), new PromoCodeChanges(null, null, null, false, null));
        assertThat(stopped.active()).isFalse();
        assertThat(organiser.promoCodes().list(event.id())).containsExactly(stopped);

        // Its limits are lifted by naming them in "clear": any number of uses, no validity window.
        var limited = organiser
                .promoCodes()
                .update(event.id(), code.id(), new PromoCodeChanges(null, Instant.now(), NEXT_MONTH, true, null));
        assertThat(limited.maxRedemptions()).isEqualTo(10);
        assertThat(limited.validUntil()).isNotNull();
        var unlimited = organiser
                .promoCodes()
                .update(
                        event.id(),
                        code.id(),
                        new PromoCodeChanges(null, null, null, null, PromoCodeChanges.CLEARABLE));
        assertThat(unlimited.maxRedemptions()).isNull();
        assertThat(unlimited.validFrom()).isNull();
        assertThat(unlimited.validUntil()).isNull();
        assertThat(unlimited.active()).isTrue();
        var muddled = problem(() -> organiser
                .promoCodes()
                .update(
                        event.id(),
                        code.id(),
                        new PromoCodeChanges(5, null, null, null, List.of(PromoCodeChanges.MAX_REDEMPTIONS))));
        assertThat(muddled.problem().errors())
                .containsExactly(new FieldError(
                        "maxRedemptions", "is both given and cleared: send a value to change it, or clear it"));
    }

    @Test
    void coversAreReencodedAndOnlyImagesAccepted() throws Exception {
        var event = organiser.events().create(draft("Cover Story"));
        var png = new ByteArrayOutputStream();
        var picture = new BufferedImage(3200, 1800, BufferedImage.TYPE_INT_ARGB);
        var g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 3200, 1800);
        g.dispose();
        ImageIO.write(picture, "png", png);

        var withCover = organiser.events().uploadCover(event.id(), png.toByteArray(), "image/png");
        assertThat(withCover.hasCover()).isTrue();
        var stored = ImageIO.read(new ByteArrayInputStream(organiser.events().cover(event.id())));
        assertThat(stored.getWidth()).isEqualTo(1600);
        assertThat(stored.getHeight()).isEqualTo(900);

        var text = problem(
                () -> organiser.events().uploadCover(event.id(), "<svg onload=alert(1)>".getBytes(), "image/svg+xml"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.getMessage()).contains("A cover must be a JPEG or PNG image.");
    }

    @Test
    void coversAreDecodedOnlyForTheirOwnOrganiserAndLargeOnesAtAReducedSize() throws Exception {
        var event = organiser.events().create(draft("Own Cover"));
        // 16,000 pixels across: read at a fifth of that, never whole, and stored 1600 wide.
        var wide = new BufferedImage(16_000, 400, BufferedImage.TYPE_BYTE_GRAY);
        var png = new ByteArrayOutputStream();
        ImageIO.write(wide, "png", png);

        try (var stranger = Organisers.signedIn(server.baseUri(), "Cover Thief")) {
            // Not an image at all, and an image: for someone else's event both are "no such event", so nothing of
            // the upload was looked at.
            for (var body : List.of("not an image".getBytes(), png.toByteArray())) {
                var refused = problem(() -> stranger.events().uploadCover(event.id(), body, "image/png"));
                assertThat(refused.status()).isEqualTo(404);
            }
        }
        assertThat(organiser.events().get(event.id()).hasCover()).isFalse();

        assertThat(organiser
                        .events()
                        .uploadCover(event.id(), png.toByteArray(), "image/png")
                        .hasCover())
                .isTrue();
        var stored = ImageIO.read(new ByteArrayInputStream(organiser.events().cover(event.id())));
        assertThat(stored.getWidth()).isEqualTo(1600);
        assertThat(stored.getHeight()).isEqualTo(40);
    }

    @Test
    void coversMayBeLargerThanOtherBodiesButNotWithoutLimit() throws Exception {
        var event = organiser.events().create(draft("Big Picture"));
        var noisy = new BufferedImage(1400, 900, BufferedImage.TYPE_INT_RGB);
        var random = new Random(7);
        for (int y = 0; y < noisy.getHeight(); y++) {
            for (int x = 0; x < noisy.getWidth(); x++) {
                noisy.setRGB(x, y, random.nextInt());
            }
        }
        var png = new ByteArrayOutputStream();
        ImageIO.write(noisy, "png", png);
        assertThat(png.size()).as("larger than the 1 MB limit of other bodies").isGreaterThan(2_000_000);

        assertThat(organiser
                        .events()
                        .uploadCover(event.id(), png.toByteArray(), "image/png")
                        .hasCover())
                .isTrue();

        var tooBig = problem(() -> organiser.events().uploadCover(event.id(), new byte[9 * 1024 * 1024], "image/png"));
        assertThat(tooBig.status()).isEqualTo(413);
    }

    @Test
    void aTenMegabyteTitleIsRefusedBeforeItIsRead() throws Exception {
        var title = "x".repeat(10 * 1024 * 1024);
        var body = "{\"title\":\"" + title + "\",\"startsAt\":\"" + NEXT_MONTH + "\",\"timeZone\":\"UTC\"}";
        var request = HttpRequest.newBuilder(URI.create(server.baseUri() + "api/v1/events"))
                .header("Authorization", "Bearer " + organiser.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // The server answers and closes without reading the body; on a busy machine the close can overtake the
            // answer while the client is still sending. Once more, to read the answer itself.
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than this server accepts");
        assertThat(organiser.events().list(1, 10).total()).isZero();
    }

    @Test
    void malformedAndMistypedJsonIsExplained() throws Exception {
        var http = HttpClient.newHttpClient();
        record Case(String body, String field, String message) {}
        for (var c : List.of(
                new Case("{\"title\": \"A\",", "body", "is not valid JSON at line 1"),
                new Case(
                        "{\"title\": \"A\", \"durationMinutes\": \"long\"}",
                        "durationMinutes",
                        "must be a whole number"),
                new Case("{\"title\": \"A\", \"durationMinutes\": 1.5}", "durationMinutes", "must be a whole number"),
                new Case("{\"titel\": \"A\"}", "titel", "is not a field of this request"),
                new Case("[1, 2]", "body", "must be an object"))) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUri() + "api/v1/events"))
                            .header("Authorization", "Bearer " + organiser.token())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(c.body()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body())
                    .as(c.body())
                    .contains("\"field\":\"" + c.field() + "\"")
                    .contains(c.message());
        }
        var notJson = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUri() + "api/v1/events"))
                        .header("Authorization", "Bearer " + organiser.token())
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("title=A"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(organiser.events().list(1, 10).total()).isZero();
    }

    @Test
    void listsArePaged() {
        for (int i = 0; i < 5; i++) {
            organiser.events().create(draft("Show " + i));
        }
        var first = organiser.events().list(1, 2);
        var last = organiser.events().list(3, 2);

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).hasSize(2);
        assertThat(first.hasNext()).isTrue();
        assertThat(last.items()).hasSize(1);
        assertThat(last.hasNext()).isFalse();
        var tooBig = problem(() -> organiser.events().list(1, 500));
        assertThat(tooBig.problem().errors())
                .containsExactly(new FieldError("size", "must be a whole number from 1 to 200, was \"500\""));
    }
}
