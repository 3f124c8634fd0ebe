package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.EventSales;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.api.sales.QuoteRequest;
import io.stagedoor.api.sales.SalesFigures;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole sale, end to end: an organiser sets up an event, a buyer pays with the test card, the e-mail arrives
 * at a real SMTP server (GreenMail) with working Watch links, and the report and CSV agree to the cent. Runs on H2
 * and on PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class CheckoutIT {

    private static final Instant START = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final Pattern TICKET_ID = Pattern.compile("SD-[0-9A-Z]{4}-[0-9A-Z]{4}");

    @Parameter(0)
    TestDatabase database;

    private static Path dataDir;
    private static GreenMail smtp;
    private static StagedoorServer server;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        dataDir = Files.createTempDirectory("stagedoor-checkout-");
        dataDir.toFile().deleteOnExit();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        server = StagedoorServer.start(database.config(
                dataDir,
                "--mail.smtp.host=127.0.0.1",
                "--mail.smtp.port=" + smtp.getSmtp().getPort(),
                "--mail.smtp.security=none",
                "--mail.from=Gala Tickets <tickets@gala.example.org>"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
        smtp.stop();
    }

    @Test
    void anOrganiserSellsTwoTicketTypesWithAPromoCodeAndEverythingAddsUp() throws Exception {
        // The organiser sets up the event.
        var organiser = Organisers.signedIn(server.baseUri(), "Gala Organiser");
        var event = organiser
                .events()
                .create(new EventDraft(
                        "Winter Gala <2026>", "Music & more.", START, "Europe/Vienna", 180, "#AA2233", null));
        var access = new TicketAccess(true, 48, false, 0);
        var standard = organiser
                .ticketTypes()
                .create(event.id(), new TicketTypeDraft("Standard", 2500L, "EUR", 100, null, null, access));
        var vip = organiser
                .ticketTypes()
                .create(event.id(), new TicketTypeDraft("VIP", 8000L, "EUR", 20, null, null, access));
        organiser
                .promoCodes()
                .create(event.id(), new PromoCodeDraft("SAVE20", PromoKind.PERCENT, 20, null, null, 50, null, null));
        organiser.events().publish(event.id());

        // A buyer, not signed in, asks for a quote and buys with the test card.
        var items = List.of(new CheckoutItem(standard.id(), 2), new CheckoutItem(vip.id(), 1));
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            var quote = buyer.checkout().quote(new QuoteRequest(event.id(), items, "save20"));
            assertThat(quote.subtotalMinor()).isEqualTo(13_000);
            assertThat(quote.discountMinor()).isEqualTo(2_600);
            assertThat(quote.totalMinor()).isEqualTo(10_400);

            var result = buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    event.id(),
                                    new Buyer("Grace Hopper", "Grace@Example.org"),
                                    items,
                                    "save20",
                                    new PaymentChoice("test", "4242 4242 4242 4242")),
                            "order-" + event.id());
            assertThat(result.paymentUrl()).isNull();
            assertThat(result.receipt().status()).isEqualTo(OrderStatus.PAID);
            assertThat(result.receipt().totalMinor()).isEqualTo(10_400);
            assertThat(result.receipt().buyerEmail()).isEqualTo("grace@example.org");
            assertThat(buyer.checkout()
                            .receipt(result.receipt().orderId(), result.orderToken())
                            .status())
                    .isEqualTo(OrderStatus.PAID);
        }

        // The e-mail arrives with three tickets, each with its ID and a working Watch link.
        server.deliverMailNow();
        assertThat(smtp.waitForIncomingEmail(10_000, 1))
                .as("the ticket e-mail arrived")
                .isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("grace@example.org");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Gala Tickets <tickets@gala.example.org>");
        assertThat(mail.getSubject()).isEqualTo("Your tickets: Winter Gala <2026>");
        var parts = parts(mail);
        var text = parts.stream()
                .filter(p -> p.type().startsWith("text/plain"))
                .findFirst()
                .orElseThrow()
                .content();
        var html = parts.stream()
                .filter(p -> p.type().startsWith("text/html"))
                .findFirst()
                .orElseThrow()
                .content();
        var ics = parts.stream()
                .filter(p -> p.type().startsWith("text/calendar"))
                .findFirst()
                .orElseThrow();

        var ticketIds =
                TICKET_ID.matcher(text).results().map(m -> m.group()).distinct().toList();
        assertThat(ticketIds).hasSize(3);
        var startInVienna = START.atZone(ZoneId.of("Europe/Vienna"));
        assertThat(text)
                .contains("Starts: "
                        + DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.UK)
                                .format(startInVienna) + " (Central European");
        var page = Jsoup.parse(html);
        assertThat(page.select("h1").text()).isEqualTo("Winter Gala <2026>");
        assertThat(html).doesNotContain("<2026>").contains("&lt;2026&gt;");
        var watchLinks = page.select("a:containsOwn(Watch)").eachAttr("href");
        assertThat(watchLinks).hasSize(3).allMatch(link -> link.startsWith(server.baseUri() + "t/"));
        assertThat(page.text()).contains(ticketIds.get(0), ticketIds.get(1), ticketIds.get(2));
        assertThat(ics.content())
                .contains("BEGIN:VEVENT")
                .contains("DTSTART:"
                        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                .withZone(ZoneOffset.UTC)
                                .format(START))
                .contains("SUMMARY:Winter Gala <2026>");
        assertThat(ics.fileName()).isEqualTo("event.ics");

        var http = HttpClient.newHttpClient();
        for (var link : watchLinks) {
            var response =
                    http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            var ticketPage = Jsoup.parse(response.body());
            assertThat(ticketPage.select("h1").text()).isEqualTo("Winter Gala <2026>");
            assertThat(ticketPage.select(".code").text()).isIn(ticketIds);
            var secret = link.substring(link.lastIndexOf('/') + 1);
            assertThat(organiser.tickets().view(secret).status()).isEqualTo(TicketStatus.VALID);
        }

        // The report: gross 130.00, discount 26.00, fee 11 % of 104.00 = 11.44, net 92.56.
        var report = organiser.orders().report(event.id());
        assertThat(report.currency()).isEqualTo("EUR");
        assertThat(report.total().orders()).isEqualTo(1);
        assertThat(report.total().tickets()).isEqualTo(3);
        assertThat(report.total().grossMinor()).isEqualTo(13_000);
        assertThat(report.total().discountMinor()).isEqualTo(2_600);
        assertThat(report.total().feeMinor()).isEqualTo(1_144);
        assertThat(report.total().netMinor()).isEqualTo(9_256);
        assertThat(report.byTicketType())
                .extracting(t -> List.of(
                        t.name(),
                        t.figures().grossMinor(),
                        t.figures().discountMinor(),
                        t.figures().feeMinor(),
                        t.figures().netMinor()))
                .containsExactly(
                        List.of("Standard", 5_000L, 1_000L, 440L, 3_560L),
                        List.of("VIP", 8_000L, 1_600L, 704L, 5_696L));
        assertThat(report.byDay()).singleElement().satisfies(day -> {
            assertThat(day.day()).isEqualTo(LocalDate.now(ZoneId.of("Europe/Vienna")));
            assertThat(day.figures().netMinor()).isEqualTo(9_256);
        });

        // The list of events shows the same totals, with the seats sold against the quota; a draft without ticket
        // types shows nothing sold; another organiser sees neither.
        var draft = organiser
                .events()
                .create(new EventDraft(
                        "Later Gala", "", START.plusSeconds(86_400), "Europe/Vienna", 60, "#AA2233", null));
        var glance = organiser.orders().eventSales(1, 10);
        assertThat(glance.items())
                .containsExactly(
                        new EventSales(draft.id(), 0, 0, "", new SalesFigures(0, 0, 0, 0, 0, 0)),
                        new EventSales(event.id(), 3, 120, "EUR", report.total()));
        assertThat(glance.total()).isEqualTo(2);
        assertThat(organiser.orders().eventSales(2, 1).items())
                .extracting(EventSales::eventId)
                .containsExactly(event.id());
        try (var other = Organisers.signedIn(server.baseUri(), "Other Organiser")) {
            assertThat(other.orders().eventSales(1, 10).items()).isEmpty();
        }

        // The CSV matches the report.
        var orders = csv(organiser.orders().ordersCsv(event.id()));
        assertThat(orders).hasSize(2);
        var header = orders.get(0);
        var row = orders.get(1);
        assertThat(row.get(header.indexOf("status"))).isEqualTo("PAID");
        assertThat(row.get(header.indexOf("buyer_email"))).isEqualTo("grace@example.org");
        assertThat(row.get(header.indexOf("tickets"))).isEqualTo("3");
        assertThat(row.get(header.indexOf("subtotal"))).isEqualTo("130.00");
        assertThat(row.get(header.indexOf("discount"))).isEqualTo("26.00");
        assertThat(row.get(header.indexOf("total"))).isEqualTo("104.00");
        assertThat(row.get(header.indexOf("fee_rate_percent"))).isEqualTo("11.00");
        assertThat(row.get(header.indexOf("fee"))).isEqualTo("11.44");
        assertThat(row.get(header.indexOf("net"))).isEqualTo("92.56");
        assertThat(row.get(header.indexOf("promo_code"))).isEqualTo("SAVE20");
        var attendees = csv(organiser.orders().attendeesCsv(event.id()));
        assertThat(attendees.subList(1, attendees.size()))
                .extracting(r -> r.get(0))
                .containsExactlyInAnyOrderElementsOf(ticketIds);

        // The counts on the ticket types moved from held to sold.
        assertThat(organiser.ticketTypes().list(event.id()))
                .extracting(t -> List.of(t.sold(), t.reserved(), t.available()))
                .containsExactly(List.of(2, 0, 98), List.of(1, 0, 19));
        organiser.close();
    }

    private record Part(String type, String content, String fileName) {}

    private static List<Part> parts(MimeMessage message) throws Exception {
        var found = new ArrayList<Part>();
        collect(message.getContent(), message.getContentType(), null, found);
        return found;
    }

    private static void collect(Object content, String type, String fileName, List<Part> found) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), part.getFileName(), found);
            }
        } else if (content instanceof String text) {
            found.add(new Part(type.toLowerCase(Locale.ROOT), text, fileName));
        } else if (content instanceof InputStream stream) {
            var bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            found.add(new Part(type.toLowerCase(Locale.ROOT), bytes.toString(StandardCharsets.UTF_8), fileName));
        }
    }

    /** Parses the server's CSV: BOM, RFC 4180 quoting. */
    static List<List<String>> csv(byte[] bytes) {
        var text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++; // \n
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
