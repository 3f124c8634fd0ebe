package io.stagedoor.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Browser;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Buying on the event page in Debian's Chromium, with a real server and a real SMTP server (GreenMail): the form,
 * its price check, the test card, the confirmation, the e-mail and its Watch link; errors shown next to their
 * fields; cross-site posts refused; "Lost your ticket link?" answering alike for every address and limited per
 * client address; user text escaped. Screenshots of the pages at desktop and phone width go to
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurchasePagesIT {

    private static final Instant START = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path dataDir;
    private static GreenMail smtp;
    private static StagedoorServer server;
    private static StagedoorClient organiser;

    /** An event on sale: Standard at 25.00 (100 seats), VIP at 80.00 (3 seats), promo code SAVE20 for 20 %. */
    private record OnSale(Event event, String url) {}

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("stagedoor-purchase-");
        dataDir.toFile().deleteOnExit();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        server = StagedoorServer.start(TestServers.config(
                dataDir,
                "--mail.smtp.host=127.0.0.1",
                "--mail.smtp.port=" + smtp.getSmtp().getPort(),
                "--mail.smtp.security=none",
                "--mail.from=Recital Tickets <tickets@recital.example.org>"));
        organiser = Organisers.signedIn(server.baseUri(), "Recital Organiser");
    }

    @AfterAll
    static void stop() {
        organiser.close();
        server.close();
        smtp.stop();
    }

    @Test
    void aBuyerFillsTheFormByLabelUsesAPromoCodePaysAndTheWatchLinkWorks() throws Exception {
        var onSale = onSale("Spring Recital", "An evening of chamber music.\n\nDoors open at 19:30.", "#1B6E5A");
        var email = "ada." + UUID.randomUUID() + "@example.org";

        try (var browser = Browser.launch()) {
            var page = browser.open(onSale.url());
            assertThat(page.title()).isEqualTo("Spring Recital");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))
                            .textContent())
                    .isEqualTo("Spring Recital");
            screenshots(browser, page, "purchase-event");

            page.getByLabel("Standard").fill("2");
            page.getByLabel("Promo code").fill("save20");
            page.getByLabel("Your name", exact()).fill("Ada Lovelace");
            page.getByLabel("Your e-mail address", exact()).fill(email);
            page.getByLabel("Test card number").fill("4242 4242 4242 4242");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check price"))
                    .click();

            // The price check: 2 × 25.00 = 50.00, less 20 % = 40.00; everything typed is still there.
            var price = page.locator("#price");
            assertThat(price.textContent()).contains("Discount (SAVE20)", "−€10.00", "€40.00");
            assertThat(page.getByLabel("Standard").inputValue()).isEqualTo("2");
            assertThat(page.getByLabel("Your e-mail address", exact()).inputValue())
                    .isEqualTo(email);
            screenshots(browser, page, "purchase-price-check");

            // The keyboard alone reaches "Buy tickets" from the last field, and its focus is visible.
            page.getByLabel("Test card number").focus();
            page.keyboard().press("Tab");
            assertThat(focusedText(page)).isEqualTo("Check price");
            page.keyboard().press("Tab");
            assertThat(focusedText(page)).isEqualTo("Buy tickets");
            assertThat(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))
                    .isEqualTo("solid");
            browser.screenshot(page, "purchase-buy-button-focused");
            page.keyboard().press("Enter");

            page.waitForURL("**/orders/*/paid");
            assertThat(page.locator("h1").textContent()).isEqualTo("Thank you, Ada Lovelace");
            var order = page.locator("section").textContent();
            assertThat(order)
                    .contains("Spring Recital", "Standard", "2 × €25.00", "€50.00", "Discount (SAVE20)")
                    .contains("−€10.00", "€40.00");
            assertThat(page.textContent("main")).contains(email);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Spring Recital"))
                            .getAttribute("href"))
                    .isEqualTo(URI.create(onSale.url()).getPath());
            screenshots(browser, page, "purchase-confirmation");
            assertThat(browser.console())
                    .as("no script errors and nothing the page's policy blocked")
                    .noneMatch(line -> line.contains("Content Security Policy") || line.startsWith("page error"));
        }

        // The order, as the organiser sees it.
        var orders = organiser.orders().list(onSale.event().id(), null, 1, 10).items();
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PAID);
            assertThat(o.totalMinor()).isEqualTo(4_000);
        });

        // The e-mail, and its Watch links.
        var mail = awaitMail(email, 1).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your tickets: Spring Recital");
        var links = watchLinks(mail);
        assertThat(links).hasSize(2);
        for (var link : links) {
            assertThat(get(link).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorsAreShownNextToTheirFieldsWithTheBuyersInputKept() throws Exception {
        var onSale = onSale("Autumn Recital", "Strings.", "#F2C94C");
        try (var browser = Browser.launch()) {
            var page = browser.open(onSale.url());
            page.getByLabel("VIP").fill("2");
            page.getByLabel("Your e-mail address", exact()).fill("not-an-address");
            page.getByLabel("Test card number").fill("4242 4242 4242 4242");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy tickets"))
                    .click();

            var summary = page.getByRole(AriaRole.ALERT);
            assertThat(summary.textContent())
                    .contains("There is a problem", "Enter your name")
                    .contains("The e-mail address must be an e-mail address such as name@example.org");
            assertThat(page.title()).isEqualTo("Error: Autumn Recital");
            var emailField = page.getByLabel("Your e-mail address", exact());
            assertThat(emailField.inputValue()).isEqualTo("not-an-address");
            assertThat(emailField.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.locator("#"
                                    + emailField.getAttribute("aria-describedby")
                                            .split(" ")[1])
                            .textContent())
                    .contains("must be an e-mail address");
            assertThat(page.getByLabel("VIP").inputValue()).isEqualTo("2");
            assertThat(page.getByLabel("Test card number").inputValue()).isEqualTo("4242 4242 4242 4242");
            // Each problem in the summary leads to its field.
            page.locator(".error-summary a", new Page.LocatorOptions().setHasText("Enter your name"))
                    .click();
            assertThat(page.url()).endsWith("#buyer-name");
            screenshots(browser, page, "purchase-errors");

            // Fixed; now the basket is wrong: more VIP seats than are left, and an unknown code.
            page.getByLabel("Your name", exact()).fill("Grace Hopper");
            emailField.fill("grace@example.org");
            page.getByLabel("VIP").fill("5");
            page.getByLabel("Promo code").fill("NOPE");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy tickets"))
                    .click();
            assertThat(page.getByRole(AriaRole.ALERT).textContent())
                    .contains("The promo code is not a valid code for this event");
            assertThat(page.getByLabel("Promo code").inputValue()).isEqualTo("NOPE");

            page.getByLabel("Promo code").fill("");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy tickets"))
                    .click();
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("Only 3 left of VIP");
            assertThat(page.getByLabel("VIP").getAttribute("aria-invalid")).isEqualTo("true");

            // No tickets chosen at all.
            page.getByLabel("VIP").fill("0");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check price"))
                    .click();
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("Choose how many tickets you want");
            assertThat(page.locator("#tickets-error").textContent()).contains("Choose how many tickets you want");
        }
        assertThat(organiser.orders().list(onSale.event().id(), null, 1, 10).items())
                .as("nothing was bought")
                .isEmpty();
    }

    @Test
    void aDoubleSubmitBuysOnce() throws Exception {
        var onSale = onSale("Winter Recital", "", "#5B3CC4");
        var form = purchaseForm(onSale, Map.of("Standard", "1"), "twice@example.org");

        var first = post(onSale.url() + "/checkout", form, sameOrigin());
        var second = post(onSale.url() + "/checkout", form, sameOrigin());

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(303);
        var location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/orders/[0-9a-f-]{36}/paid");
        assertThat(second.headers().firstValue("Location")).hasValue(location);
        assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("order_token=")
                .contains("Path=" + location.replace("/paid", ""), "HttpOnly", "SameSite=Lax");
        assertThat(organiser.orders().list(onSale.event().id(), null, 1, 10).items())
                .hasSize(1);

        // Without the order token, the confirmation keeps the order private.
        var anonymous = get(server.baseUri().resolve(location).toString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("Thank you").doesNotContain("twice@example.org");
    }

    @Test
    void aPostFromAnotherSiteIsRefused() throws Exception {
        var onSale = onSale("Summer Recital", "", "#5B3CC4");
        var form = purchaseForm(onSale, Map.of("Standard", "1"), "forged@example.org");

        var forged = post(
                onSale.url() + "/checkout",
                form,
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        var oldBrowser = post(onSale.url() + "/checkout", form, Map.of("Origin", "https://evil.example"));
        var resend = post(
                onSale.url() + "/resend-link",
                Map.of("resend-email", "forged@example.org"),
                Map.of("Sec-Fetch-Site", "cross-site"));
        for (var response : List.of(forged, oldBrowser, resend)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("This form came from another site");
        }

        // A real browser on another origin (localhost is another site than 127.0.0.1) posting the form.
        var hostile = "http://localhost:" + server.baseUri().getPort() + "/hostile";
        var hostileForm = "<!DOCTYPE html><form method=post action=\"" + onSale.url() + "/checkout\">"
                + form.entrySet().stream()
                        .map(e -> "<input type=hidden name=\"" + e.getKey() + "\" value=\"" + e.getValue() + "\">")
                        .collect(Collectors.joining())
                + "<button>Win a prize</button></form>";
        try (var browser = Browser.launch()) {
            var page = browser.open("about:blank");
            page.route(
                    hostile,
                    route -> route.fulfill(new Route.FulfillOptions()
                            .setStatus(200)
                            .setContentType("text/html")
                            .setBody(hostileForm)));
            page.navigate(hostile);
            var answer = page.waitForNavigation(() -> page.click("text=Win a prize"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(page.locator("h1").textContent()).isEqualTo("This form came from another site");
        }
        assertThat(organiser.orders().list(onSale.event().id(), null, 1, 10).items())
                .isEmpty();
    }

    @Test
    void lostLinksAreSentAgainWithTheSameAnswerForEveryAddressAndOnlySoOften() throws Exception {
        var onSale = onSale("Harvest Recital", "", "#8A3B12");
        var known = "linda." + UUID.randomUUID() + "@example.org";
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            var standard = organiser.ticketTypes().list(onSale.event().id()).getFirst();
            buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    onSale.event().id(),
                                    new Buyer("Linda", known),
                                    List.of(new CheckoutItem(standard.id(), 1)),
                                    null,
                                    new PaymentChoice("test", "4242 4242 4242 4242")),
                            null);
        }
        var oldLink = watchLinks(awaitMail(known, 1).getFirst()).getFirst();
        assertThat(get(oldLink).statusCode()).isEqualTo(200);

        // In the browser, with the keyboard: type the address into the field and press Enter.
        String knownAnswer;
        try (var browser = Browser.launch()) {
            var page = browser.open(onSale.url());
            page.getByLabel("E-mail address used for the purchase").focus();
            page.keyboard().type(known.toUpperCase(java.util.Locale.ROOT));
            page.keyboard().press("Enter");
            page.waitForURL("**/resend-link");
            assertThat(page.locator("main").textContent())
                    .contains("If tickets for this event were bought with that address, we have sent the links again.");
            screenshots(browser, page, "purchase-resend-answer");
            knownAnswer = page.content();
        }
        var unknown = post(onSale.url() + "/resend-link", Map.of("resend-email", "nobody@example.org"), sameOrigin());
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(unknown.body()).select("main").text())
                .as("the same answer for an address that bought nothing")
                .isEqualTo(Jsoup.parse(knownAnswer).select("main").text());

        var newLink = watchLinks(awaitMail(known, 2).get(1)).getFirst();
        assertThat(newLink).isNotEqualTo(oldLink);
        assertThat(get(newLink).statusCode()).isEqualTo(200);
        assertThat(get(oldLink).statusCode()).as("the old link stops working").isEqualTo(404);
        assertThat(Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> recipient(m).equals("nobody@example.org")))
                .isEmpty();

        // Two requests so far from this address; three more are allowed, then the page asks to wait.
        for (int i = 0; i < PurchasePages.RESENDS_PER_WINDOW - 2; i++) {
            assertThat(post(
                                    onSale.url() + "/resend-link",
                                    Map.of("resend-email", "n" + i + "@example.org"),
                                    sameOrigin())
                            .statusCode())
                    .isEqualTo(200);
        }
        var refused = post(onSale.url() + "/resend-link", Map.of("resend-email", known), sameOrigin());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(3_000L, 3_600L));
        assertThat(Jsoup.parse(refused.body()).text()).contains("Try again in 60 minutes");
        server.deliverMailNow();
        assertThat(Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> recipient(m).equals(known)))
                .as("the refused request sent nothing")
                .hasSize(2);
    }

    @Test
    void aTitleAndDescriptionWithMarkupAreShownAsText() throws Exception {
        var title = "<script>alert('title')</script> Gala";
        var description = "<script>alert('description')</script>\n\n<b>Not bold</b> & more";
        var onSale = onSale(title, description, "#5B3CC4");

        var response = get(onSale.url());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));
        var body = response.body();
        assertThat(body).doesNotContain("<script>", "<b>Not bold</b>").contains("&lt;script&gt;alert(");
        var page = Jsoup.parse(body);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("b")).isEmpty();
        assertThat(page.select("h1").text()).isEqualTo(title);
        assertThat(page.title()).isEqualTo(title);
        assertThat(page.select(".card p").eachText())
                .contains("<script>alert('description')</script>", "<b>Not bold</b> & more");
    }

    /** Last, as it uses up this client address's price checks for the next ten minutes. */
    @Test
    @Order(Integer.MAX_VALUE)
    void priceChecksAreLimitedPerClientAddress() throws Exception {
        var onSale = onSale("Encore Recital", "", "#5B3CC4");
        var form = new LinkedHashMap<>(purchaseForm(onSale, Map.of("Standard", "1"), "often@example.org"));
        form.put("step", "quote");

        HttpResponse<String> answer = null;
        int accepted = 0;
        int allowed = server.config().payments().limits().quotesPerAddress();
        while (accepted <= allowed) {
            answer = post(onSale.url() + "/checkout", form, sameOrigin());
            if (answer.statusCode() != 200) {
                break;
            }
            accepted++;
        }

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(accepted).isLessThanOrEqualTo(allowed);
        assertThat(answer.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 600L));
        var page = Jsoup.parse(answer.body());
        assertThat(page.select("h1").text()).isEqualTo("Please wait a little");
        assertThat(page.text()).containsPattern("try again in \\d+ minutes?\\.");
    }

    // --- helpers

    private static OnSale onSale(String title, String description, String colour) {
        var event = organiser
                .events()
                .create(new EventDraft(title, description, START, "Europe/London", 120, colour, null));
        var access = new TicketAccess(true, 24, false, 0);
        organiser
                .ticketTypes()
                .create(event.id(), new TicketTypeDraft("Standard", 2_500L, "EUR", 100, null, null, access));
        organiser.ticketTypes().create(event.id(), new TicketTypeDraft("VIP", 8_000L, "EUR", 3, null, null, access));
        organiser
                .promoCodes()
                .create(event.id(), new PromoCodeDraft("SAVE20", PromoKind.PERCENT, 20, null, null, 50, null, null));
        organiser.events().publish(event.id());
        var slug = organiser.events().get(event.id()).slug();
        return new OnSale(event, server.baseUri() + "e/" + slug);
    }

    /** The purchase form as the event page gives it, filled in. */
    private static Map<String, String> purchaseForm(OnSale onSale, Map<String, String> quantities, String email)
            throws Exception {
        var page = Jsoup.parse(get(onSale.url()).body());
        var form = new LinkedHashMap<String, String>();
        form.put("idempotency-key", page.select("input[name=idempotency-key]").val());
        quantities.forEach((ticket, quantity) -> {
            var label = page.select("label:contains(" + ticket + ")").first();
            form.put(label.attr("for"), quantity);
        });
        form.put("buyer-name", "Test Buyer");
        form.put("buyer-email", email);
        form.put("provider", "test");
        form.put("test-card", "4242 4242 4242 4242");
        form.put("step", "buy");
        return form;
    }

    private static Map<String, String> sameOrigin() {
        var base = server.baseUri();
        return Map.of("Origin", base.getScheme() + "://" + base.getHost() + ":" + base.getPort());
    }

    private static HttpResponse<String> post(String url, Map<String, String> form, Map<String, String> headers)
            throws Exception {
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    private static Object focusedText(Page page) {
        return page.evaluate("document.activeElement.textContent");
    }

    /** The whole page at desktop width, then at a phone's 375 px: the viewport is made as tall as the page. */
    private static void screenshots(Browser browser, Page page, String name) {
        for (int width : new int[] {1280, 375}) {
            page.setViewportSize(width, 800);
            int height = ((Number) page.evaluate("document.documentElement.scrollHeight")).intValue();
            page.setViewportSize(width, Math.max(800, height));
            browser.screenshot(page, name + (width == 1280 ? "-desktop" : "-phone"));
            if (width == 375) {
                assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                        .as("nothing wider than a phone's screen on %s", name)
                        .isLessThanOrEqualTo(375);
            }
        }
        page.setViewportSize(1280, 800);
    }

    /** The messages to {@code address}, waiting until there are {@code count}. */
    private static List<MimeMessage> awaitMail(String address, int count) throws Exception {
        var deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            server.deliverMailNow();
            var mine = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipient(m).equalsIgnoreCase(address))
                    .toList();
            if (mine.size() >= count || System.nanoTime() > deadline) {
                assertThat(mine).as("e-mails to %s", address).hasSizeGreaterThanOrEqualTo(count);
                return mine;
            }
            Thread.sleep(100);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> watchLinks(MimeMessage message) throws Exception {
        var html = htmlPart(message.getContent());
        return Jsoup.parse(html).select("a:containsOwn(Watch)").eachAttr("href");
    }

    private static String htmlPart(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return (String) part.getContent();
                }
                if (part.getContent() instanceof jakarta.mail.Multipart) {
                    var inner = htmlPart(part.getContent());
                    if (!inner.isEmpty()) {
                        return inner;
                    }
                }
            }
        }
        return "";
    }
}
