package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.ApiJson;
import io.stagedoor.api.FieldError;
import io.stagedoor.api.Problem;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A promo code used up is refused one way, whoever asks and however: the JSON checkout, the price check and the
 * event page's form all answer 409 {@code promo-code-used-up} with the same words, whether the code was gone before
 * the buyer came or was taken by another buyer a moment before, in a race for its last use. On H2 and on PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class PromoCodeLastUseIT {

    private static final JsonMapper JSON = ApiJson.builder().build();
    private static final String DETAIL = "The promo code LAST has been used as often as it may be.";
    private static final String ON_THE_FORM = "The promo code has been used up";

    @Parameter(0)
    TestDatabase database;

    @Test
    void everyBuyerButOneIsToldTheSameInTheSameWay() throws Exception {
        var dataDir = Files.createTempDirectory("stagedoor-promo-");
        dataDir.toFile().deleteOnExit();
        try (var server = StagedoorServer.start(database.config(dataDir, "--http.trusted-proxies=127.0.0.1"));
                var organiser = Organisers.signedIn(server.baseUri(), "Promo Organiser")) {
            var shop = open(server, organiser);
            assertThat(shop.checkout("192.0.2.1", 1, "last").statusCode()).isEqualTo(201);

            var answers = race(shop, 12);

            var won = answers.stream()
                    .filter(a -> a.statusCode() == 201 || a.statusCode() == 303)
                    .toList();
            assertThat(won).as("exactly one buyer gets the last use").hasSize(1);
            var lost = new ArrayList<>(answers);
            lost.removeAll(won);
            assertThat(lost).hasSize(11).allSatisfy(PromoCodeLastUseIT::assertUsedUp);

            // After the race, every way of asking answers the same.
            for (var late : List.of(
                    shop.checkout("192.0.2.50", 1, "last"),
                    shop.quote("192.0.2.51", 1, "LAST"),
                    shop.form("192.0.2.52", "buy", 1, "last"),
                    shop.form("192.0.2.53", "quote", 1, " Last "))) {
                assertUsedUp(late);
            }
            var code = organiser.promoCodes().list(shop.eventId()).getFirst();
            assertThat(code.redemptions()).isEqualTo(2);
            var seat = organiser.ticketTypes().list(shop.eventId()).getFirst();
            assertThat(seat.sold()).isEqualTo(2);
            assertThat(seat.reserved()).isZero();
        }
    }

    private static Storefront open(StagedoorServer server, StagedoorClient organiser) {
        var event = organiser
                .events()
                .create(new EventDraft("Last Call", "", Instant.now().plus(7, ChronoUnit.DAYS), "UTC", 60, null, null));
        var seat = organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft("Seat", 2000L, "EUR", 50, null, null, new TicketAccess(true, 0, false, 0)));
        organiser
                .promoCodes()
                .create(event.id(), new PromoCodeDraft("LAST", PromoKind.PERCENT, 50, null, null, 2, null, null));
        organiser.events().publish(event.id());
        return new Storefront(
                server.baseUri(), organiser.events().get(event.id()).slug(), event.id(), seat.id());
    }

    /** {@code buyers} at once, from addresses of their own, half through the API and half through the form. */
    private static List<HttpResponse<String>> race(Storefront shop, int buyers) throws Exception {
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<HttpResponse<String>>>();
        try (var crowd = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < buyers; i++) {
                var address = "192.0.2." + (100 + i);
                boolean viaForm = i % 2 == 1;
                answers.add(crowd.submit(() -> {
                    start.await();
                    return viaForm ? shop.form(address, "buy", 1, "last") : shop.checkout(address, 1, "last");
                }));
            }
            start.countDown();
            var done = new ArrayList<HttpResponse<String>>();
            for (var answer : answers) {
                done.add(answer.get(2, TimeUnit.MINUTES));
            }
            return done;
        }
    }

    private static void assertUsedUp(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        if (answer.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE)) {
            var problem = JSON.readValue(answer.body(), Problem.class);
            assertThat(problem.type()).hasToString("urn:stagedoor:problem:promo-code-used-up");
            assertThat(problem.title()).isEqualTo("Promo code used up");
            assertThat(problem.detail()).isEqualTo(DETAIL);
            assertThat(problem.errors()).containsExactly(new FieldError("promoCode", "has been used up"));
        } else {
            var page = Jsoup.parse(answer.body());
            assertThat(page.select("#promo-code-error").text())
                    .as("the form shows it at the promo code field")
                    .isEqualTo("Error: " + ON_THE_FORM);
        }
    }
}
