package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.ApiJson;
import io.stagedoor.api.Problem;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.MutableClock;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * How often buyers may buy and ask for prices: per client address, with one allowance for the JSON API and the event
 * page's form together, and for everyone at once; each refusal a 429 that says when to try again. And a rush that
 * the limits must let through: 500 buyers from 500 addresses within a second for 100 seats.
 */
class CheckoutLimitsIT {

    private static final JsonMapper JSON = ApiJson.builder().build();

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private StagedoorServer server;
    private StagedoorClient organiser;

    private Storefront open(int seats, String... flags) {
        var all = new ArrayList<>(List.of(flags));
        all.add("--http.trusted-proxies=127.0.0.1");
        server = StagedoorServer.start(TestServers.config(dataDir, all.toArray(String[]::new)), clock);
        organiser = Organisers.signedIn(server.baseUri(), "Busy Organiser");
        var event = organiser
                .events()
                .create(new EventDraft("Rush", "", clock.instant().plus(7, ChronoUnit.DAYS), "UTC", 60, null, null));
        var seat = organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Seat", 1000L, "EUR", seats, null, null, new TicketAccess(true, 0, false, 0)));
        organiser.events().publish(event.id());
        return new Storefront(
                server.baseUri(), organiser.events().get(event.id()).slug(), event.id(), seat.id());
    }

    @AfterEach
    void stop() {
        if (organiser != null) {
            organiser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Problem problem(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Problem.class);
    }

    private static long retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow();
    }

    @Test
    void theFormAndTheApiDrawOnOneAllowancePerAddress() throws Exception {
        var shop = open(100, "--checkout.purchases-per-address=3", "--checkout.quotes-per-address=4");
        var ada = "198.51.100.7";

        assertThat(shop.checkout(ada, 1, null).statusCode()).isEqualTo(201);
        assertThat(shop.form(ada, "buy", 1, null).statusCode()).isEqualTo(303);
        assertThat(shop.checkout(ada, 1, null).statusCode()).isEqualTo(201);

        var api = shop.checkout(ada, 1, null);
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(problem(api).type()).hasToString("urn:stagedoor:problem:too-many-requests");
        assertThat(problem(api).detail()).contains("from your network address", "try again in 10 minutes");
        assertThat(retryAfter(api)).isBetween(590L, 600L);
        var form = shop.form(ada, "buy", 1, null);
        assertThat(form.statusCode()).as("switching to the form gains nothing").isEqualTo(429);
        assertThat(retryAfter(form)).isBetween(590L, 600L);
        assertThat(Jsoup.parse(form.body()).select("h1").text()).isEqualTo("Please wait a little");
        assertThat(Jsoup.parse(form.body()).text()).contains("try again in 10 minutes");
        assertThat(organiser.orders().list(shop.eventId(), null, 1, 1).total())
                .as("the refused attempts placed nothing")
                .isEqualTo(3);

        assertThat(shop.checkout("198.51.100.8", 1, null).statusCode())
                .as("another address has its own allowance")
                .isEqualTo(201);

        // Price checks are counted apart from purchases, the API's and the form's together.
        assertThat(shop.quote(ada, 2, null).statusCode()).isEqualTo(200);
        assertThat(shop.form(ada, "quote", 2, null).statusCode()).isEqualTo(200);
        assertThat(shop.quote(ada, 2, null).statusCode()).isEqualTo(200);
        assertThat(shop.form(ada, "quote", 2, null).statusCode()).isEqualTo(200);
        assertThat(shop.quote(ada, 2, null).statusCode()).isEqualTo(429);
        assertThat(shop.form(ada, "quote", 2, null).statusCode()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(10));
        assertThat(shop.checkout(ada, 1, null).statusCode())
                .as("the window has passed")
                .isEqualTo(201);
    }

    @Test
    void everyoneTogetherIsLimitedTooWhateverTheirAddresses() throws Exception {
        var shop = open(100, "--checkout.purchases-per-minute=5", "--checkout.quotes-per-minute=5");
        for (int i = 0; i < 5; i++) {
            assertThat(shop.checkout("203.0.113." + i, 1, null).statusCode()).isEqualTo(201);
            assertThat(shop.quote("203.0.113." + i, 1, null).statusCode()).isEqualTo(200);
        }

        var purchase = shop.checkout("203.0.113.99", 1, null);
        var quote = shop.quote("203.0.113.99", 1, null);
        var form = shop.form("203.0.113.98", "buy", 1, null);

        for (var refused : List.of(purchase, quote)) {
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(problem(refused).detail()).contains("right now").doesNotContain("your network address");
            assertThat(retryAfter(refused)).isBetween(1L, 60L);
        }
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(retryAfter(form)).isBetween(1L, 60L);
        clock.advance(Duration.ofMinutes(1));
        assertThat(shop.checkout("203.0.113.99", 1, null).statusCode()).isEqualTo(201);
    }

    /** A real rush within the default limits: every buyer is answered, and exactly the seats there are are sold. */
    @Test
    void fiveHundredBuyersFromFiveHundredAddressesForAHundredSeatsAreAllAnswered() throws Exception {
        var shop = open(100);
        var outcomes = new ConcurrentHashMap<String, Integer>();
        var start = new CountDownLatch(1);
        var buyers = new ArrayList<Future<?>>();
        try (var crowd = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                var address = "10." + (i / 250) + "." + (i % 250) + ".1";
                buyers.add(crowd.submit(() -> {
                    start.await();
                    outcomes.merge(buyUntilAnswered(shop, address), 1, Integer::sum);
                    return null;
                }));
            }
            start.countDown();
            for (var buyer : buyers) {
                buyer.get(3, TimeUnit.MINUTES);
            }
        }

        assertThat(outcomes).containsOnlyKeys("bought", "sold out");
        assertThat(outcomes).containsEntry("bought", 100).containsEntry("sold out", 400);
        var seat = organiser.ticketTypes().list(shop.eventId()).getFirst();
        assertThat(Map.of("sold", seat.sold(), "reserved", seat.reserved()))
                .containsEntry("sold", 100)
                .containsEntry("reserved", 0);
        assertThat(organiser
                        .orders()
                        .list(shop.eventId(), OrderStatus.PAID, 1, 1)
                        .total())
                .isEqualTo(100);
    }

    /** Buys one seat; told to wait (429 with Retry-After), waits and tries again, as a browser's buyer would. */
    private static String buyUntilAnswered(Storefront shop, String address) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            var answer = shop.checkout(address, 1, null);
            switch (answer.statusCode()) {
                case 201 -> {
                    return "bought";
                }
                case 409 -> {
                    return problem(answer).type().toString().endsWith(":sold-out")
                            ? "sold out"
                            : "unexpected 409 " + answer.body();
                }
                case 429, 503 -> Thread.sleep(Duration.ofSeconds(retryAfter(answer)));
                default -> {
                    return "unexpected " + answer.statusCode() + " " + answer.body();
                }
            }
        }
        return "never answered";
    }
}
