package io.stagedoor.server.http;

import static io.stagedoor.server.http.Access.ADMIN;
import static io.stagedoor.server.http.Access.PUBLIC;
import static io.stagedoor.server.http.Access.SIGNED_IN;

import io.stagedoor.api.Health;
import io.stagedoor.api.Page;
import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.Invitation;
import io.stagedoor.api.accounts.InvitationDraft;
import io.stagedoor.api.accounts.IssuedInvitation;
import io.stagedoor.api.accounts.PlatformSettings;
import io.stagedoor.api.accounts.Session;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventCancellation;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PublicEvent;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeChanges;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.live.StreamEndpoint;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.mail.MailMessage;
import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.EventSales;
import io.stagedoor.api.sales.Order;
import io.stagedoor.api.sales.Quote;
import io.stagedoor.api.sales.QuoteRequest;
import io.stagedoor.api.sales.Receipt;
import io.stagedoor.api.sales.SalesReport;
import io.stagedoor.api.tickets.TicketView;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.accounts.AccountService;
import io.stagedoor.server.events.CoverImages;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.events.PromoCodeService;
import io.stagedoor.server.events.TicketTypeService;
import io.stagedoor.server.health.HealthService;
import io.stagedoor.server.ingest.IngestService;
import io.stagedoor.server.mail.EventMail;
import io.stagedoor.server.platform.PlatformSettingsStore;
import io.stagedoor.server.sales.CheckoutService;
import io.stagedoor.server.sales.EventCancellations;
import io.stagedoor.server.sales.OrderService;
import io.stagedoor.server.sales.PaymentNotifications;
import io.stagedoor.server.sales.SalesReports;
import io.stagedoor.server.tickets.TicketService;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The route table of the JSON API: every endpoint under {@code /api/v1}, who may call it, what it takes and
 * returns, and what it calls. Request handling, authentication and the OpenAPI document all come from here.
 */
public final class ApiRoutes {

    public static final String PREFIX = "/api/v1";

    /** What the table's rows call, built by the composition root. */
    public record Services(
            HealthService health,
            AccountService accounts,
            PlatformSettingsStore platform,
            EventService events,
            TicketTypeService ticketTypes,
            PromoCodeService promoCodes,
            CoverImages covers,
            CheckoutService checkout,
            OrderService orders,
            SalesReports reports,
            EventCancellations cancellations,
            TicketService tickets,
            PaymentNotifications paymentNotifications,
            IngestService ingest,
            EventMail mail) {}

    private ApiRoutes() {}

    public static List<ApiRoute<?>> table(Services s) {
        var routes = new ArrayList<ApiRoute<?>>();
        routes.add(ApiRoute.get("/openapi.json", PUBLIC, "This API's OpenAPI 3.1 document")
                .tag("server")
                .returns(200, Map.class)
                .handledBy(r -> OpenApi.document(routes, BuildInfo.version())));
        routes.addAll(List.of(
                // --- server
                ApiRoute.get("/health", PUBLIC, "Version, uptime and database state; 503 when degraded")
                        .tag("server")
                        .returns(200, Health.class)
                        .handledBy(r -> {
                            var health = s.health().current();
                            return health.isOk() ? health : new Reply.Json(503, health);
                        }),
                ApiRoute.get(
                                "/admin/health",
                                ADMIN,
                                "Health with the details: database product, schema and error; set-up warnings")
                        .tag("server")
                        .returns(200, Health.class)
                        .handledBy(r -> {
                            var health = s.health().details();
                            return health.isOk() ? health : new Reply.Json(503, health);
                        }),

                // --- accounts
                ApiRoute.post("/accounts", PUBLIC, "Create an organiser account, as the registration mode allows")
                        .tag("accounts")
                        .returns(201, Account.class)
                        .takes(SignUpRequest.class, r -> s.accounts().signUp(r.body(), r.clientAddress())),
                ApiRoute.post("/sessions", PUBLIC, "Sign in; the answer's token authorises later requests")
                        .tag("accounts")
                        .returns(201, Session.class)
                        .takes(SignInRequest.class, r -> s.accounts().signIn(r.body(), r.clientAddress())),
                ApiRoute.delete("/sessions/current", SIGNED_IN, "Sign out: the token stops working")
                        .tag("accounts")
                        .returnsNothing()
                        .handledBy(r -> {
                            s.accounts().signOut(r.caller());
                            return Reply.noContent();
                        }),
                ApiRoute.get("/accounts/me", SIGNED_IN, "The signed-in account")
                        .tag("accounts")
                        .returns(200, Account.class)
                        .handledBy(r -> s.accounts().account(r.caller().accountId())),
                ApiRoute.get("/accounts/pending", ADMIN, "Sign-ups waiting for approval, oldest first")
                        .tag("accounts")
                        .paged()
                        .returns(200, pageOf(Account.class))
                        .handledBy(r -> s.accounts().registrations().pending(r.page())),
                ApiRoute.post("/accounts/{accountId}/approve", ADMIN, "Approve a waiting sign-up: it may sign in")
                        .tag("accounts")
                        .returns(200, Account.class)
                        .handledBy(r -> s.accounts().registrations().approve(accountId(r))),
                ApiRoute.post("/accounts/{accountId}/reject", ADMIN, "Reject a waiting sign-up: it is deleted")
                        .tag("accounts")
                        .returnsNothing()
                        .handledBy(r -> {
                            s.accounts().registrations().reject(accountId(r));
                            return Reply.noContent();
                        }),
                ApiRoute.post("/invitations", ADMIN, "Make a single-use invitation; its code is shown this once")
                        .tag("accounts")
                        .returns(201, IssuedInvitation.class)
                        .takes(
                                InvitationDraft.class,
                                r -> s.accounts().invitations().create(r.caller(), r.body())),
                ApiRoute.get("/invitations", ADMIN, "Every invitation, newest first")
                        .tag("accounts")
                        .paged()
                        .returns(200, pageOf(Invitation.class))
                        .handledBy(r -> s.accounts().invitations().list(r.page())),
                ApiRoute.delete("/invitations/{invitationId}", ADMIN, "Revoke an invitation: its code stops working")
                        .tag("accounts")
                        .returnsNothing()
                        .handledBy(r -> {
                            s.accounts().invitations().revoke(r.pathId("invitationId", "invitation"));
                            return Reply.noContent();
                        }),
                ApiRoute.get("/platform/settings", ADMIN, "The platform's settings")
                        .tag("platform")
                        .returns(200, PlatformSettings.class)
                        .handledBy(r -> s.platform().settings()),
                ApiRoute.put("/platform/settings", ADMIN, "Change the platform's settings, such as its fee")
                        .tag("platform")
                        .returns(200, PlatformSettings.class)
                        .takes(PlatformSettings.class, r -> s.platform().update(r.body())),

                // --- events
                ApiRoute.post("/events", SIGNED_IN, "Create an event, as a draft")
                        .tag("events")
                        .returns(201, Event.class)
                        .takes(EventDraft.class, r -> s.events().create(r.caller(), r.body())),
                ApiRoute.get("/events", SIGNED_IN, "The caller's events, latest start first")
                        .tag("events")
                        .paged()
                        .returns(200, pageOf(Event.class))
                        .handledBy(r -> s.events().list(r.caller(), r.page())),
                ApiRoute.get("/events/{eventId}", SIGNED_IN, "One of the caller's events")
                        .tag("events")
                        .returns(200, Event.class)
                        .handledBy(r -> s.events().get(r.caller(), eventId(r))),
                ApiRoute.patch("/events/{eventId}", SIGNED_IN, "Change an event; fields not given stay")
                        .tag("events")
                        .returns(200, Event.class)
                        .takes(EventChanges.class, r -> s.events().update(r.caller(), eventId(r), r.body())),
                ApiRoute.post("/events/{eventId}/publish", SIGNED_IN, "Put a draft on sale")
                        .tag("events")
                        .returns(200, Event.class)
                        .handledBy(r -> s.events().publish(r.caller(), eventId(r))),
                ApiRoute.post(
                                "/events/{eventId}/start",
                                SIGNED_IN,
                                "Start show: on air for ticket holders; a stream before it is a rehearsal")
                        .tag("events")
                        .returns(200, Event.class)
                        .handledBy(r -> s.events().startShow(r.caller(), eventId(r))),
                ApiRoute.post("/events/{eventId}/end", SIGNED_IN, "End show: ticket holders are offered the replay")
                        .tag("events")
                        .returns(200, Event.class)
                        .handledBy(r -> s.events().end(r.caller(), eventId(r))),
                ApiRoute.post(
                                "/events/{eventId}/reopen",
                                SIGNED_IN,
                                "Undo an end: on air again if it had been, else on sale")
                        .tag("events")
                        .returns(200, Event.class)
                        .handledBy(r -> s.events().reopen(r.caller(), eventId(r))),
                ApiRoute.post("/events/{eventId}/cancel", SIGNED_IN, "Call an event off: refund and revoke all")
                        .tag("events")
                        .returns(200, EventCancellation.class)
                        .handledBy(r -> s.cancellations().cancel(r.caller(), eventId(r))),
                ApiRoute.put("/events/{eventId}/cover", SIGNED_IN, "Upload the cover image (JPEG or PNG body)")
                        .tag("events")
                        .bodyLimit(CoverImages.MAX_UPLOAD_BYTES)
                        .returns(200, Event.class)
                        .takesFile(
                                List.of("image/jpeg", "image/png"),
                                r -> s.covers().upload(r.caller(), eventId(r), r.body())),
                ApiRoute.get("/events/{eventId}/cover", SIGNED_IN, "The cover image, as stored (JPEG)")
                        .tag("events")
                        .returnsFile("image/jpeg")
                        .handledBy(r -> {
                            var cover = s.covers().forOrganiser(r.caller(), eventId(r));
                            return new Reply.Content(cover.contentType(), cover.image(), "private, max-age=60");
                        }),

                // --- live stream
                ApiRoute.get(
                                "/events/{eventId}/stream",
                                SIGNED_IN,
                                "Where to publish the event's stream: server and key")
                        .tag("live")
                        .returns(200, StreamEndpoint.class)
                        .handledBy(r -> s.ingest().endpoint(r.caller(), eventId(r))),
                ApiRoute.post(
                                "/events/{eventId}/stream/key",
                                SIGNED_IN,
                                "Replace the stream key; disconnects the publisher")
                        .tag("live")
                        .returns(200, StreamEndpoint.class)
                        .handledBy(r -> s.ingest().rotateKey(r.caller(), eventId(r))),
                ApiRoute.post(
                                "/events/{eventId}/stream/links",
                                SIGNED_IN,
                                "New preview and health-page links; the old ones stop working")
                        .tag("live")
                        .returns(200, StreamEndpoint.class)
                        .handledBy(r -> s.ingest().renewLinks(r.caller(), eventId(r))),
                ApiRoute.get(
                                "/events/{eventId}/health",
                                SIGNED_IN,
                                "The stream's health now (updates: .../health/events)")
                        .tag("live")
                        .returns(200, StreamHealth.class)
                        .handledBy(r -> s.ingest().health(r.caller(), eventId(r))),

                // --- ticket types
                ApiRoute.post("/events/{eventId}/ticket-types", SIGNED_IN, "Add a ticket type")
                        .tag("ticket types")
                        .returns(201, TicketType.class)
                        .takes(TicketTypeDraft.class, r -> s.ticketTypes().create(r.caller(), eventId(r), r.body())),
                ApiRoute.get("/events/{eventId}/ticket-types", SIGNED_IN, "The event's ticket types")
                        .tag("ticket types")
                        .returns(200, listOf(TicketType.class))
                        .handledBy(r -> s.ticketTypes().list(r.caller(), eventId(r))),
                ApiRoute.patch("/events/{eventId}/ticket-types/{ticketTypeId}", SIGNED_IN, "Change a ticket type")
                        .tag("ticket types")
                        .returns(200, TicketType.class)
                        .takes(
                                TicketTypeChanges.class,
                                r -> s.ticketTypes().update(r.caller(), eventId(r), ticketTypeId(r), r.body())),
                ApiRoute.delete("/events/{eventId}/ticket-types/{ticketTypeId}", SIGNED_IN, "Remove an unsold type")
                        .tag("ticket types")
                        .returnsNothing()
                        .handledBy(r -> {
                            s.ticketTypes().delete(r.caller(), eventId(r), ticketTypeId(r));
                            return Reply.noContent();
                        }),

                // --- promo codes
                ApiRoute.post("/events/{eventId}/promo-codes", SIGNED_IN, "Add a promo code")
                        .tag("promo codes")
                        .returns(201, PromoCode.class)
                        .takes(PromoCodeDraft.class, r -> s.promoCodes().create(r.caller(), eventId(r), r.body())),
                ApiRoute.get("/events/{eventId}/promo-codes", SIGNED_IN, "The event's promo codes")
                        .tag("promo codes")
                        .returns(200, listOf(PromoCode.class))
                        .handledBy(r -> s.promoCodes().list(r.caller(), eventId(r))),
                ApiRoute.patch("/events/{eventId}/promo-codes/{promoCodeId}", SIGNED_IN, "Change or stop a code")
                        .tag("promo codes")
                        .returns(200, PromoCode.class)
                        .takes(
                                PromoCodeChanges.class,
                                r -> s.promoCodes()
                                        .update(
                                                r.caller(),
                                                eventId(r),
                                                r.pathId("promoCodeId", "promo code"),
                                                r.body())),

                // --- orders and reports
                ApiRoute.get("/events/{eventId}/orders", SIGNED_IN, "The event's orders, newest first")
                        .tag("orders")
                        .paged()
                        .query("status", "Only orders in this status: PENDING, PAID, CANCELLED or REFUNDED")
                        .returns(200, pageOf(Order.class))
                        .handledBy(r -> s.orders().list(r.caller(), eventId(r), r.page(), r.query("status"))),
                ApiRoute.get("/events/{eventId}/orders/{orderId}", SIGNED_IN, "One order")
                        .tag("orders")
                        .returns(200, Order.class)
                        .handledBy(r -> s.orders().get(r.caller(), eventId(r), orderId(r))),
                ApiRoute.post(
                                "/events/{eventId}/orders/{orderId}/refund",
                                SIGNED_IN,
                                "Refund a paid order; on one whose refund is pending, try again now")
                        .tag("orders")
                        .returns(200, Order.class)
                        .handledBy(r -> s.orders().refund(r.caller(), eventId(r), orderId(r))),
                ApiRoute.post("/events/{eventId}/orders/{orderId}/cancel", SIGNED_IN, "Cancel an unpaid order")
                        .tag("orders")
                        .returns(200, Order.class)
                        .handledBy(r -> s.orders().cancel(r.caller(), eventId(r), orderId(r))),
                ApiRoute.post(
                                "/events/{eventId}/orders/{orderId}/resend",
                                SIGNED_IN,
                                "E-mail the tickets again, new links")
                        .tag("orders")
                        .returnsNothing()
                        .handledBy(r -> {
                            s.orders().resend(r.caller(), eventId(r), orderId(r));
                            return Reply.noContent();
                        }),
                ApiRoute.get("/events/{eventId}/attendees", SIGNED_IN, "The event's tickets and their holders")
                        .tag("orders")
                        .paged()
                        .returns(200, pageOf(Attendee.class))
                        .handledBy(r -> s.orders().attendees(r.caller(), eventId(r), r.page())),
                ApiRoute.post(
                                "/events/{eventId}/tickets/{ticketId}/revoke",
                                SIGNED_IN,
                                "Revoke one ticket, without a refund; repeating it changes nothing")
                        .tag("orders")
                        .returns(200, Attendee.class)
                        .handledBy(r -> s.orders().revokeTicket(r.caller(), eventId(r), ticketId(r))),
                ApiRoute.post(
                                "/events/{eventId}/tickets/{ticketId}/reinstate",
                                SIGNED_IN,
                                "Undo a revoke; 409 for a ticket revoked with its refunded or cancelled order")
                        .tag("orders")
                        .returns(200, Attendee.class)
                        .handledBy(r -> s.orders().reinstateTicket(r.caller(), eventId(r), ticketId(r))),
                ApiRoute.get("/events/{eventId}/orders.csv", SIGNED_IN, "Every order, as CSV")
                        .tag("orders")
                        .returnsFile("text/csv")
                        .handledBy(r -> new Reply.Download(
                                "text/csv; charset=UTF-8",
                                "orders.csv",
                                s.orders().ordersCsv(r.caller(), eventId(r)))),
                ApiRoute.get("/events/{eventId}/attendees.csv", SIGNED_IN, "Every ticket and holder, as CSV")
                        .tag("orders")
                        .returnsFile("text/csv")
                        .handledBy(r -> new Reply.Download(
                                "text/csv; charset=UTF-8",
                                "attendees.csv",
                                s.orders().attendeesCsv(r.caller(), eventId(r)))),
                ApiRoute.get(
                                "/events/{eventId}/mail",
                                SIGNED_IN,
                                "The event's e-mail, newest first, and why any failed")
                        .tag("mail")
                        .paged()
                        .query("status", "Only e-mail in this status: PENDING, SENDING, SENT, FAILED or KEPT")
                        .returns(200, pageOf(MailMessage.class))
                        .handledBy(r -> s.mail().list(r.caller(), eventId(r), r.page(), r.query("status"))),
                ApiRoute.post(
                                "/events/{eventId}/mail/{messageId}/retry",
                                SIGNED_IN,
                                "Try a failed or waiting e-mail again now; 409 once it was sent")
                        .tag("mail")
                        .returns(200, MailMessage.class)
                        .handledBy(r -> s.mail().retry(r.caller(), eventId(r), r.pathId("messageId", "e-mail"))),
                ApiRoute.get("/reports/events", SIGNED_IN, "The caller's events' sales at a glance, latest start first")
                        .tag("orders")
                        .paged()
                        .returns(200, pageOf(EventSales.class))
                        .handledBy(r -> s.reports().eventSales(r.caller(), r.page())),
                ApiRoute.get(
                                "/events/{eventId}/report",
                                SIGNED_IN,
                                "Sales: gross, discounts, fees, net; by type, by day")
                        .tag("orders")
                        .returns(200, SalesReport.class)
                        .handledBy(r -> s.reports().report(r.caller(), eventId(r))),

                // --- buying
                ApiRoute.post("/checkout/quote", PUBLIC, "What a basket costs; reserves nothing")
                        .tag("checkout")
                        .returns(200, Quote.class)
                        .takes(QuoteRequest.class, r -> s.checkout().quote(r.body(), r.clientAddress())),
                ApiRoute.post("/checkout", PUBLIC, "Buy tickets; send an Idempotency-Key to retry safely")
                        .tag("checkout")
                        .header(
                                "Idempotency-Key",
                                "Any unique string up to 200 characters; a repeat answers the same",
                                false)
                        .returns(201, CheckoutResult.class)
                        .takes(CheckoutRequest.class, r -> switch (s.checkout()
                                .checkout(r.body(), r.header("Idempotency-Key"), r.clientAddress())) {
                            case CheckoutService.Outcome.Placed placed -> placed.result();
                            case CheckoutService.Outcome.Replayed replayed ->
                                new Reply.Replayed(replayed.status(), replayed.json());
                        }),
                ApiRoute.get("/orders/{orderId}", PUBLIC, "An order, for its buyer")
                        .tag("checkout")
                        .header("X-Order-Token", "The orderToken the checkout answered with", true)
                        .returns(200, Receipt.class)
                        .handledBy(r -> s.checkout().receipt(orderId(r), r.header("X-Order-Token"))),
                ApiRoute.get("/tickets/{secret}", PUBLIC, "A ticket, by the secret in its link")
                        .tag("tickets")
                        .returns(200, TicketView.class)
                        .handledBy(r -> s.tickets().view(r.path("secret"))),

                // --- payment providers
                ApiRoute.post("/payments/stripe/webhook", PUBLIC, "Stripe's notices, verified by their signature")
                        .tag("payments")
                        .header("Stripe-Signature", "Stripe's signature over the body", true)
                        .returnsNothing()
                        .takes(String.class, r -> {
                            s.paymentNotifications().stripe(r.body(), r.header("Stripe-Signature"));
                            return Reply.noContent();
                        }),

                // --- public
                ApiRoute.get("/public/events/{slug}", PUBLIC, "A published event and its tickets, for buyers")
                        .tag("public")
                        .returns(200, PublicEvent.class)
                        .handledBy(r -> s.events().publicEvent(r.path("slug"))),
                ApiRoute.get("/public/events/{slug}/cover", PUBLIC, "A published event's cover image (JPEG)")
                        .tag("public")
                        .returnsFile("image/jpeg")
                        .handledBy(r -> {
                            var cover = s.covers().forPublic(r.path("slug"));
                            return new Reply.Content(cover.contentType(), cover.image(), "public, max-age=300");
                        })));
        return List.copyOf(routes);
    }

    private static UUID accountId(ApiRequest<?> request) {
        return request.pathId("accountId", "account");
    }

    private static UUID eventId(ApiRequest<?> request) {
        return request.pathId("eventId", "event");
    }

    private static UUID orderId(ApiRequest<?> request) {
        return request.pathId("orderId", "order");
    }

    private static UUID ticketId(ApiRequest<?> request) {
        return request.pathId("ticketId", "ticket");
    }

    private static UUID ticketTypeId(ApiRequest<?> request) {
        return request.pathId("ticketTypeId", "ticket type");
    }

    /** The type {@code Page<T>}, for the documentation of list routes. */
    static Type pageOf(Class<?> item) {
        return parameterized(Page.class, item);
    }

    /** The type {@code List<T>}. */
    static Type listOf(Class<?> item) {
        return parameterized(List.class, item);
    }

    private static Type parameterized(Class<?> raw, Class<?> argument) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {argument};
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public @Nullable Type getOwnerType() {
                return null;
            }

            @Override
            public String toString() {
                return raw.getSimpleName() + "<" + argument.getSimpleName() + ">";
            }
        };
    }
}
