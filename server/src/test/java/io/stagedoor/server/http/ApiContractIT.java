package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.stagedoor.api.accounts.InvitationDraft;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.payments.StripeStandIn;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every route of the API, called for real: each answer must match the OpenAPI document the server publishes, no
 * route may be missing from the calls below, and every route that needs a session must refuse without one. Then a
 * second organiser tries each route on the first one's event: every one answers 404 and nothing changes.
 */
class ApiContractIT {

    private static final Pattern TICKET_LINK = Pattern.compile("/t/([A-Za-z0-9_-]{43})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private StripeStandIn stripe;
    private StagedoorServer server;
    private StagedoorClient alice;
    private StagedoorClient bob;
    private JsonNode document;

    /** A call to make: its route (as the document names it), its concrete path, who makes it, what it sends. */
    private record Call(
            String method,
            String route,
            String path,
            @Nullable String token,
            @Nullable String json,
            byte @Nullable [] file,
            Map<String, String> headers,
            int status) {}

    private record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws Exception {
        stripe = new StripeStandIn();
        server = StagedoorServer.start(TestServers.config(
                dataDir,
                "--payments.stripe.secret-key=" + StripeStandIn.SECRET_KEY,
                "--payments.stripe.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET,
                "--payments.stripe.api-base=" + stripe.apiBase(),
                "--auth.registration=approval",
                "--payments.test.enabled=false"));
        alice = Organisers.signedIn(server.baseUri(), "Alice"); // the first account: also the administrator
        bob = invited(alice, "bob@example.org");
        document =
                JSON.readTree(send(new Call("GET", "/openapi.json", "/openapi.json", null, null, null, Map.of(), 200))
                        .body());
    }

    /** An organiser who signed up with an invitation of the administrator's, and is signed in. */
    private StagedoorClient invited(StagedoorClient administrator, String email) {
        var code = administrator
                .accounts()
                .createInvitation(new InvitationDraft(email, null))
                .code();
        var client = StagedoorClient.builder(server.baseUri()).build();
        client.accounts().signUp(new SignUpRequest(email, Organisers.PASSWORD, email, code, null));
        client.accounts().signIn(new SignInRequest(email, Organisers.PASSWORD));
        return client;
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        server.close();
        stripe.close();
    }

    @Test
    void everyRouteAnswersAsDocumentedAndNoOrganiserReachesAnothersData() throws Exception {
        var f = new Fixture();
        var calls = calls(f);

        var documented = new TreeSet<String>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        var called = new TreeSet<String>();
        calls.forEach(c -> called.add(c.method() + " " + c.route()));
        assertThat(called).as("every documented route has a call in this test").isEqualTo(documented);

        // Without a session, every route that needs one refuses.
        for (var call : calls) {
            if (requiresSession(call)) {
                var answer = send(new Call(
                        call.method(), call.route(), call.path(), null, call.json(), call.file(), call.headers(), 401));
                assertMatchesDocument(call, answer);
            }
        }

        // Bob tries every one of Alice's things: each is "not found", and nothing of hers changes.
        var before = snapshot(f);
        int triedByBob = 0;
        for (var call : calls) {
            if (Objects.equals(call.token(), alice.token()) && call.route().contains("{eventId}")) {
                var answer = send(new Call(
                        call.method(),
                        call.route(),
                        call.path(),
                        bob.token(),
                        call.json(),
                        call.file(),
                        call.headers(),
                        404));
                assertMatchesDocument(call, answer);
                assertThat(answer.text()).as(call.method() + " " + call.path()).contains("\"status\":404");
                triedByBob++;
            }
        }
        assertThat(triedByBob).as("routes on an event that Bob tried").isEqualTo((int)
                called.stream().filter(route -> route.contains("{eventId}")).count());
        assertThat(bob.events().list(1, 50).total())
                .as("Bob's list holds none of Alice's events")
                .isZero();
        var bobsSettings = send(
                new Call("GET", "/platform/settings", "/platform/settings", bob.token(), null, null, Map.of(), 403));
        assertThat(bobsSettings.text()).contains("Only the platform administrator");
        var bobsHealth =
                send(new Call("GET", "/admin/health", "/admin/health", bob.token(), null, null, Map.of(), 403));
        assertThat(bobsHealth.text())
                .contains("Only the platform administrator")
                .doesNotContain("H2");
        assertThat(snapshot(f)).as("Alice's data after Bob's attempts").isEqualTo(before);

        // Alice's calls all succeed and answer as the document says.
        for (var call : calls) {
            var answer = send(call);
            assertMatchesDocument(call, answer);
        }

        // The document is closed: a field it does not name is drift, and validation says so.
        var eventSchema =
                schema(document.at("/paths/~1events~1{eventId}/get/responses/200/content/application~1json/schema"));
        var event = (ObjectNode)
                JSON.readTree(JSON.writeValueAsString(alice.events().get(f.event)));
        assertThat(eventSchema.validate(event)).isEmpty();
        event.put("undocumented", true);
        assertThat(eventSchema.validate(event)).isNotEmpty();
    }

    private boolean requiresSession(Call call) {
        var operation =
                document.get("paths").get(call.route()).get(call.method().toLowerCase(Locale.ROOT));
        return operation.has("security");
    }

    /** Everything Alice can read about her events, as JSON text, to compare before and after. */
    private List<String> snapshot(Fixture f) {
        var state = new ArrayList<String>();
        for (var event : List.of(f.event, f.toEnd, f.toCancel, f.toPublish)) {
            state.add(JSON.writeValueAsString(alice.events().get(event)));
            state.add(JSON.writeValueAsString(alice.ticketTypes().list(event)));
            state.add(JSON.writeValueAsString(alice.promoCodes().list(event)));
            state.add(JSON.writeValueAsString(alice.orders().list(event, null, 1, 100)));
            state.add(JSON.writeValueAsString(alice.orders().attendees(event, 1, 100)));
            state.add(JSON.writeValueAsString(alice.orders().report(event)));
            state.add(JSON.writeValueAsString(alice.mail().list(event, null, 1, 100)));
        }
        return state;
    }

    /** Alice's world: events in every state a route needs, orders to refund and cancel, a ticket link. */
    private final class Fixture {
        final UUID event;
        final String slug;
        final UUID ticketType;
        final UUID spareTicketType;
        final UUID promoCode;
        final CheckoutResult paid;
        final CheckoutResult toRefund;
        final CheckoutResult pending;
        final String ticketSecret;
        final UUID paidTicket;
        final UUID failedMail;
        final UUID toEnd;
        final UUID toCancel;
        final UUID toPublish;
        final String erinsInvitation;
        final UUID spareInvitation;
        final UUID waitingToApprove;
        final UUID waitingToReject;

        Fixture() throws Exception {
            erinsInvitation = alice.accounts()
                    .createInvitation(new InvitationDraft("Erin", 3))
                    .code();
            spareInvitation = alice.accounts()
                    .createInvitation(new InvitationDraft("Spare", null))
                    .invitation()
                    .id();
            try (var anonymous = StagedoorClient.builder(server.baseUri()).build()) {
                waitingToApprove = anonymous
                        .accounts()
                        .signUp(new SignUpRequest("frank@example.org", Organisers.PASSWORD, "Frank"))
                        .id();
                waitingToReject = anonymous
                        .accounts()
                        .signUp(new SignUpRequest("grace@example.org", Organisers.PASSWORD, "Grace"))
                        .id();
            }
            var events = alice.events();
            var created = events.create(draft("Contract Night"));
            event = created.id();
            slug = created.slug();
            ticketType = alice.ticketTypes().create(event, seat("Seat")).id();
            spareTicketType = alice.ticketTypes().create(event, seat("Spare")).id();
            promoCode = alice.promoCodes()
                    .create(event, new PromoCodeDraft("TENOFF", PromoKind.PERCENT, 10, null, null, null, null, null))
                    .id();
            events.uploadCover(event, png(), "image/png");
            events.publish(event);
            paid = buy(event, ticketType, "stripe");
            payOnStripe(paid);
            toRefund = buy(event, ticketType, "stripe");
            payOnStripe(toRefund);
            pending = buy(event, ticketType, "stripe");
            server.deliverMailNow();
            var db = server.config().database();
            var text = Jdbi.create(db.url(), db.user(), db.password())
                    .withHandle(h -> h.createQuery("SELECT text_body FROM outbox_message WHERE order_id = :order")
                            .bind("order", paid.receipt().orderId())
                            .mapTo(String.class)
                            .one());
            var link = TICKET_LINK.matcher(text);
            assertThat(link.find()).as("the ticket e-mail holds a link").isTrue();
            ticketSecret = link.group(1);
            // As a mail server that refused the address would leave it: failed, for the organiser to retry.
            failedMail = Jdbi.create(db.url(), db.user(), db.password()).withHandle(h -> {
                var id = h.createQuery("SELECT id FROM outbox_message WHERE order_id = :order")
                        .bind("order", toRefund.receipt().orderId())
                        .mapTo(UUID.class)
                        .one();
                h.createUpdate("UPDATE outbox_message SET status = 'FAILED', last_error = :why WHERE id = :id")
                        .bind("why", "The mail server refused the address carol@example.org: 550 unknown")
                        .bind("id", id)
                        .execute();
                return id;
            });
            paidTicket = alice.orders().attendees(event, 1, 100).items().stream()
                    .filter(t -> t.orderId().equals(paid.receipt().orderId()))
                    .findFirst()
                    .orElseThrow()
                    .ticketId();
            toEnd = publishedEvent("Ending Soon");
            toCancel = publishedEvent("Called Off");
            payOnStripe(
                    buy(toCancel, alice.ticketTypes().list(toCancel).getFirst().id(), "stripe"));
            toPublish = events.create(draft("Not Yet Public")).id();
            alice.ticketTypes().create(toPublish, seat("Seat"));
        }

        private UUID publishedEvent(String title) {
            var id = alice.events().create(draft(title)).id();
            alice.ticketTypes().create(id, seat("Seat"));
            alice.events().publish(id);
            return id;
        }
    }

    private static EventDraft draft(String title) {
        return new EventDraft(
                title, "About " + title, Instant.now().plus(14, ChronoUnit.DAYS), "Europe/Berlin", 120, null, null);
    }

    private static TicketTypeDraft seat(String name) {
        return new TicketTypeDraft(name, 1500L, "EUR", 100, null, null, new TicketAccess(true, 24, false, 0));
    }

    private CheckoutResult buy(UUID event, UUID ticketType, String provider) {
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            return buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    event,
                                    new Buyer("Carol", "carol@example.org"),
                                    List.of(new CheckoutItem(ticketType, 1)),
                                    null,
                                    new PaymentChoice(provider, provider.equals("test") ? "4242424242424242" : null)),
                            null);
        }
    }

    /** Stripe's signed notice that the buyer paid on its page. */
    private void payOnStripe(CheckoutResult result) throws Exception {
        var session = result.paymentUrl().substring(result.paymentUrl().lastIndexOf('/') + 1);
        var paid = StripeStandIn.event(
                "evt_" + session,
                "checkout.session.completed",
                StripeStandIn.session(
                        session,
                        "paid",
                        "complete",
                        "pi_" + session,
                        result.receipt().orderId().toString()));
        var answer = http.send(
                HttpRequest.newBuilder(server.baseUri().resolve("api/v1/payments/stripe/webhook"))
                        .header("Content-Type", "application/json")
                        .header("Stripe-Signature", paid.signature())
                        .POST(HttpRequest.BodyPublishers.ofString(paid.payload()))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(204);
    }

    private static byte[] png() throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private List<Call> calls(Fixture f) throws Exception {
        var a = alice.token();
        var e = "/events/" + f.event;
        var order = e + "/orders/" + f.paid.receipt().orderId();
        var webhook =
                StripeStandIn.event("evt_contract", "customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}");
        String extraSession;
        try (var another = StagedoorClient.builder(server.baseUri()).build()) {
            extraSession = another.accounts()
                    .signIn(new SignInRequest(alice.accounts().me().email(), Organisers.PASSWORD))
                    .token();
        }
        var checkout = JSON.writeValueAsString(new CheckoutRequest(
                f.event,
                new Buyer("Dan", "dan@example.org"),
                List.of(new CheckoutItem(f.ticketType, 1)),
                "tenoff",
                new PaymentChoice("stripe", null)));
        var calls = new ArrayList<Call>();
        calls.add(call("GET", "/openapi.json", "/openapi.json", null, null, 200));
        calls.add(call("GET", "/health", "/health", null, null, 200));
        calls.add(call("GET", "/admin/health", "/admin/health", a, null, 200));
        calls.add(call(
                "POST",
                "/accounts",
                "/accounts",
                null,
                "{\"email\":\"erin@example.org\",\"password\":\"" + Organisers.PASSWORD
                        + "\",\"name\":\"Erin\",\"invitationCode\":\"" + f.erinsInvitation + "\"}",
                201));
        calls.add(call(
                "POST",
                "/sessions",
                "/sessions",
                null,
                "{\"email\":\"erin@example.org\",\"password\":\"" + Organisers.PASSWORD + "\"}",
                201));
        calls.add(call("GET", "/accounts/me", "/accounts/me", a, null, 200));
        calls.add(call("GET", "/accounts/pending", "/accounts/pending?page=1&size=10", a, null, 200));
        calls.add(call(
                "POST", "/accounts/{accountId}/approve", "/accounts/" + f.waitingToApprove + "/approve", a, null, 200));
        calls.add(call(
                "POST", "/accounts/{accountId}/reject", "/accounts/" + f.waitingToReject + "/reject", a, null, 204));
        calls.add(call("POST", "/invitations", "/invitations", a, "{\"note\":\"Henry\",\"validDays\":14}", 201));
        calls.add(call("GET", "/invitations", "/invitations?page=1&size=10", a, null, 200));
        calls.add(call("DELETE", "/invitations/{invitationId}", "/invitations/" + f.spareInvitation, a, null, 204));
        calls.add(call("GET", "/platform/settings", "/platform/settings", a, null, 200));
        calls.add(call("PUT", "/platform/settings", "/platform/settings", a, "{\"feeBasisPoints\":1100}", 200));
        calls.add(call("POST", "/events", "/events", a, JSON.writeValueAsString(draft("Another")), 201));
        calls.add(call("GET", "/events", "/events?page=1&size=10", a, null, 200));
        calls.add(call("GET", "/events/{eventId}", e, a, null, 200));
        calls.add(call("PATCH", "/events/{eventId}", e, a, "{\"description\":\"Now with more music.\"}", 200));
        calls.add(new Call(
                "PUT",
                "/events/{eventId}/cover",
                e + "/cover",
                a,
                null,
                png(),
                Map.of("Content-Type", "image/png"),
                200));
        calls.add(call("GET", "/events/{eventId}/cover", e + "/cover", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/stream", e + "/stream", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/stream/key", e + "/stream/key", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/stream/links", e + "/stream/links", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/health", e + "/health", a, null, 200));
        calls.add(call(
                "POST",
                "/events/{eventId}/ticket-types",
                e + "/ticket-types",
                a,
                JSON.writeValueAsString(seat("Balcony")),
                201));
        calls.add(call("GET", "/events/{eventId}/ticket-types", e + "/ticket-types", a, null, 200));
        calls.add(call(
                "PATCH",
                "/events/{eventId}/ticket-types/{ticketTypeId}",
                e + "/ticket-types/" + f.ticketType,
                a,
                "{\"name\":\"Stalls\"}",
                200));
        calls.add(call(
                "POST",
                "/events/{eventId}/promo-codes",
                e + "/promo-codes",
                a,
                "{\"code\":\"FRIENDS\",\"kind\":\"FIXED\",\"amountOffMinor\":200}",
                201));
        calls.add(call("GET", "/events/{eventId}/promo-codes", e + "/promo-codes", a, null, 200));
        calls.add(call(
                "PATCH",
                "/events/{eventId}/promo-codes/{promoCodeId}",
                e + "/promo-codes/" + f.promoCode,
                a,
                "{\"maxRedemptions\":50}",
                200));
        calls.add(call("GET", "/public/events/{slug}", "/public/events/" + f.slug, null, null, 200));
        calls.add(call("GET", "/public/events/{slug}/cover", "/public/events/" + f.slug + "/cover", null, null, 200));
        calls.add(call(
                "POST",
                "/checkout/quote",
                "/checkout/quote",
                null,
                "{\"eventId\":\"" + f.event + "\",\"items\":[{\"ticketTypeId\":\"" + f.ticketType
                        + "\",\"quantity\":2}],\"promoCode\":\"TENOFF\"}",
                200));
        calls.add(new Call(
                "POST",
                "/checkout",
                "/checkout",
                null,
                checkout,
                null,
                Map.of("Content-Type", "application/json", "Idempotency-Key", "contract-" + UUID.randomUUID()),
                201));
        calls.add(new Call(
                "GET",
                "/orders/{orderId}",
                "/orders/" + f.paid.receipt().orderId(),
                null,
                null,
                null,
                Map.of("X-Order-Token", f.paid.orderToken()),
                200));
        calls.add(call("GET", "/tickets/{secret}", "/tickets/" + f.ticketSecret, null, null, 200));
        calls.add(call("GET", "/events/{eventId}/orders", e + "/orders?status=PAID", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/orders/{orderId}", order, a, null, 200));
        calls.add(call("GET", "/events/{eventId}/attendees", e + "/attendees", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/orders.csv", e + "/orders.csv", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/attendees.csv", e + "/attendees.csv", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/report", e + "/report", a, null, 200));
        calls.add(call("GET", "/reports/events", "/reports/events?page=1&size=10", a, null, 200));
        calls.add(call("GET", "/events/{eventId}/mail", e + "/mail?status=failed", a, null, 200));
        calls.add(call(
                "POST",
                "/events/{eventId}/mail/{messageId}/retry",
                e + "/mail/" + f.failedMail + "/retry",
                a,
                null,
                200));
        calls.add(call("POST", "/events/{eventId}/orders/{orderId}/resend", order + "/resend", a, null, 204));
        var ticket = e + "/tickets/" + f.paidTicket;
        calls.add(call("POST", "/events/{eventId}/tickets/{ticketId}/revoke", ticket + "/revoke", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/tickets/{ticketId}/reinstate", ticket + "/reinstate", a, null, 200));
        calls.add(call(
                "POST",
                "/events/{eventId}/orders/{orderId}/cancel",
                e + "/orders/" + f.pending.receipt().orderId() + "/cancel",
                a,
                null,
                200));
        calls.add(call(
                "POST",
                "/events/{eventId}/orders/{orderId}/refund",
                e + "/orders/" + f.toRefund.receipt().orderId() + "/refund",
                a,
                null,
                200));
        calls.add(call(
                "DELETE",
                "/events/{eventId}/ticket-types/{ticketTypeId}",
                e + "/ticket-types/" + f.spareTicketType,
                a,
                null,
                204));
        calls.add(call("POST", "/events/{eventId}/publish", "/events/" + f.toPublish + "/publish", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/start", "/events/" + f.toEnd + "/start", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/end", "/events/" + f.toEnd + "/end", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/reopen", "/events/" + f.toEnd + "/reopen", a, null, 200));
        calls.add(call("POST", "/events/{eventId}/cancel", "/events/" + f.toCancel + "/cancel", a, null, 200));
        calls.add(new Call(
                "POST",
                "/payments/stripe/webhook",
                "/payments/stripe/webhook",
                null,
                webhook.payload(),
                null,
                Map.of("Content-Type", "application/json", "Stripe-Signature", webhook.signature()),
                204));
        calls.add(call("DELETE", "/sessions/current", "/sessions/current", extraSession, null, 204));
        return calls;
    }

    private static Call call(
            String method, String route, String path, @Nullable String token, @Nullable String json, int status) {
        return new Call(
                method,
                route,
                path,
                token,
                json,
                null,
                json == null ? Map.of() : Map.of("Content-Type", "application/json"),
                status);
    }

    private Answer send(Call call) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUri() + "api/v1" + call.path()));
        call.headers().forEach(request::header);
        if (call.token() != null) {
            request.header("Authorization", "Bearer " + call.token());
        }
        var body = call.file() != null
                ? HttpRequest.BodyPublishers.ofByteArray(call.file())
                : call.json() != null
                        ? HttpRequest.BodyPublishers.ofString(call.json())
                        : HttpRequest.BodyPublishers.noBody();
        request.method(call.method(), body);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        var answer = new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
        assertThat(answer.status())
                .as(call.method() + " " + call.path() + ": " + answer.text())
                .isEqualTo(call.status());
        return answer;
    }

    private void assertMatchesDocument(Call call, Answer answer) {
        var operation =
                document.get("paths").get(call.route()).get(call.method().toLowerCase(Locale.ROOT));
        var responses = operation.get("responses");
        var key = String.valueOf(answer.status());
        var response = responses.has(key) ? responses.get(key) : responses.get(key.charAt(0) + "XX");
        assertThat(response)
                .as("the document describes " + key + " for " + call.method() + " " + call.route())
                .isNotNull();
        if (!response.has("content")) {
            assertThat(answer.body()).as("no body for " + key).isEmpty();
            return;
        }
        var mediaType = response.get("content").propertyNames().iterator().next();
        assertThat(answer.contentType()).as(call.method() + " " + call.path()).startsWith(mediaType);
        if (mediaType.endsWith("json")) {
            var errors =
                    schema(response.get("content").get(mediaType).get("schema")).validate(JSON.readTree(answer.body()));
            assertThat(errors)
                    .as(call.method() + " " + call.path() + " answered " + answer.text())
                    .isEmpty();
        }
    }

    private final Map<String, Schema> schemas = new HashMap<>();

    /** A response schema from the document, standing alone with the document's components as its definitions. */
    private Schema schema(JsonNode responseSchema) {
        return schemas.computeIfAbsent(responseSchema.toString(), text -> {
            var root = (ObjectNode) JSON.readTree(text.replace("#/components/schemas/", "#/$defs/"));
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set(
                    "$defs",
                    JSON.readTree(document.get("components")
                            .get("schemas")
                            .toString()
                            .replace("#/components/schemas/", "#/$defs/")));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(root);
        });
    }
}
