package io.stagedoor.server.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.stagedoor.api.ApiJson;
import io.stagedoor.api.FieldError;
import io.stagedoor.api.Problem;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.PublicEvent;
import io.stagedoor.api.events.PublicTicketType;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.Receipt;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.error.ApiException;
import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.error.TooManyRequestsException;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.http.ClientAddress;
import io.stagedoor.server.http.RateLimiter;
import io.stagedoor.server.money.Currencies;
import io.stagedoor.server.payments.Payments;
import io.stagedoor.server.sales.CheckoutLimits;
import io.stagedoor.server.sales.CheckoutService;
import io.stagedoor.server.sales.OrderLifecycle;
import io.stagedoor.server.secrets.Tokens;
import io.stagedoor.server.templates.Templates;
import io.stagedoor.server.tickets.TicketEmail;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The buyer's pages: the event page with its purchase form, the confirmation the payment provider sends the buyer
 * back to, and "send me my ticket links again". Plain HTML forms, no script. Every form post must come from this
 * site's own pages, and each client address may post only so often: price checks and purchases draw on the same
 * allowances as the API's ({@link CheckoutLimits}).
 */
public final class PurchasePages {

    /** Requests to send ticket links again one client address may make per window: each one may send e-mail. */
    static final int RESENDS_PER_WINDOW = 5;

    static final Duration RESEND_WINDOW = Duration.ofHours(1);
    /** Carries the order token to the confirmation page, which the payment provider's return address cannot. */
    static final String ORDER_COOKIE = "order_token";
    /** Long enough to come back from the provider's payment page, which waits at most the seat hold. */
    static final Duration ORDER_COOKIE_LIFETIME = Duration.ofDays(1);

    /** The pages need no script and load images only from here; nothing may frame them. */
    private static final String POLICY =
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
    /** A double submit waits for the first to finish, about this long at most. */
    private static final int IN_PROGRESS_RETRIES = 20;

    private static final Duration IN_PROGRESS_PAUSE = Duration.ofMillis(250);

    /** The public page of an event; {@code buy} is null when nothing is on sale, {@code resend} when cancelled. */
    public record EventPage(
            String title,
            String brandColour,
            String onBrandColour,
            String startsAt,
            String duration,
            String description,
            @Nullable String coverUrl,
            boolean cancelled,
            List<TicketRow> tickets,
            List<ProblemLink> problems,
            @Nullable BuyForm buy,
            @Nullable ResendForm resend) {}

    /** A ticket type on the event page, with its quantity field when it is on sale. */
    public record TicketRow(
            String name,
            String price,
            String availability,
            String access,
            @Nullable Field quantity,
            int max) {}

    /** The purchase form; {@code price} is the answer to "Check price". */
    public record BuyForm(
            String action,
            String idempotencyKey,
            @Nullable String ticketsError,
            Field name,
            Field email,
            Field promoCode,
            List<ProviderChoice> providers,
            @Nullable Field testCard,
            @Nullable PriceView price) {}

    /** One form field: its {@code id} is also its name. */
    public record Field(String id, String value, @Nullable String error) {}

    /** A problem in the summary at the top, linking to its field when it has one. */
    public record ProblemLink(@Nullable String href, String message) {}

    /** A way to pay. */
    public record ProviderChoice(String id, String label, boolean checked) {}

    /** What an order costs or cost, formatted; {@code discount} is null when there is none. */
    public record PriceView(
            List<PriceLine> lines,
            String subtotal,
            @Nullable String discount,
            @Nullable String promoCode,
            String total) {}

    /** One ticket type in a price. */
    public record PriceLine(String name, int quantity, String unitPrice, String total) {}

    /** "Lost your ticket link?" */
    public record ResendForm(String action, Field email) {}

    /** The confirmation of an order, for its buyer. */
    public record OrderPage(
            String heading,
            List<String> paragraphs,
            String reference,
            String eventTitle,
            String brandColour,
            String eventUrl,
            PriceView price) {}

    /** A short answer with a way back to the event. */
    public record Notice(String title, String brandColour, String heading, List<String> paragraphs, String backUrl) {}

    private final EventService events;
    private final CheckoutService checkout;
    private final CheckoutLimits limits;
    private final OrderLifecycle lifecycle;
    private final Payments payments;
    private final PublicUrl publicUrl;
    private final RateLimiter resends;
    private final JsonMapper json = ApiJson.builder().build();

    public PurchasePages(
            EventService events,
            CheckoutService checkout,
            CheckoutLimits limits,
            OrderLifecycle lifecycle,
            Payments payments,
            PublicUrl publicUrl,
            Clock clock) {
        this.events = events;
        this.checkout = checkout;
        this.limits = limits;
        this.lifecycle = lifecycle;
        this.payments = payments;
        this.publicUrl = publicUrl;
        this.resends = new RateLimiter(clock, RESENDS_PER_WINDOW, RESEND_WINDOW, "requests for ticket links");
    }

    public void register(RoutesConfig routes) {
        routes.get("/e/{slug}", this::eventPage);
        routes.post("/e/{slug}/checkout", this::checkoutPost);
        routes.post("/e/{slug}/resend-link", this::resendPost);
        routes.get("/orders/{orderId}/paid", this::paidPage);
        routes.get(
                "/orders/{orderId}/cancelled",
                ctx -> ViewerPages.message(
                        ctx.header("Cache-Control", "no-store"),
                        200,
                        "Payment cancelled",
                        "Nothing was charged. The seats held for you are released shortly; you can start again from the"
                                + " event page."));
    }

    private void eventPage(Context ctx) {
        var event = events.publicEvent(ctx.pathParam("slug"));
        var form = PurchaseForm.empty(event, payments.ids(), newKey());
        // Shared caches may keep this page, idempotency key and all, for half a minute: a second buyer sending
        // the same key with a different order is given a fresh key (see place).
        ctx.header("Cache-Control", "public, max-age=30");
        render(ctx, 200, event, form, null);
    }

    private void checkoutPost(Context ctx) {
        if (refusedAsCrossSite(ctx)) {
            return;
        }
        boolean quoting = "quote".equals(ctx.formParam("step"));
        try {
            if (quoting) {
                limits.countQuote(ClientAddress.of(ctx));
            } else {
                limits.countPurchase(ClientAddress.of(ctx));
            }
        } catch (TooManyRequestsException e) {
            pleaseWait(ctx, e);
            return;
        }
        var slug = ctx.pathParam("slug");
        var event = events.publicEvent(slug);
        var eventId = events.publishedEventId(slug);
        var form = PurchaseForm.posted(event, payments.ids(), ctx::formParam, newKey());
        ctx.header("Cache-Control", "no-store");
        if (quoting) {
            quote(ctx, event, eventId, form);
            return;
        }
        var request = form.checkoutRequest(eventId);
        if (form.hasProblems()) {
            render(ctx, 422, event, form, null);
            return;
        }
        try {
            var result = place(request, form.idempotencyKey());
            setOrderCookie(ctx, result);
            ctx.redirect(
                    result.paymentUrl() != null
                            ? result.paymentUrl()
                            : "/orders/" + result.receipt().orderId() + "/paid",
                    HttpStatus.SEE_OTHER);
        } catch (TooManyRequestsException e) {
            pleaseWait(ctx, e);
        } catch (Refusal refusal) {
            form.refused(refusal.detail, refusal.errors);
            // That key now answers with this refusal; the corrected order needs a key of its own.
            render(ctx, refusal.status, event, form.withKey(newKey()), null);
        }
    }

    private void quote(Context ctx, PublicEvent event, UUID eventId, PurchaseForm form) {
        var request = form.quoteRequest(eventId);
        PriceView price = null;
        // The form's own problems are 422; the checkout's refusals keep their status, as the API answers them.
        int status = 422;
        if (!form.hasProblems()) {
            try {
                var quote = checkout.quote(request);
                price = PurchaseForm.price(
                        quote.currency(),
                        quote.lines(),
                        quote.subtotalMinor(),
                        quote.discountMinor(),
                        quote.totalMinor(),
                        quote.promoCode());
            } catch (ApiException e) {
                form.refused(e.getMessage(), e.errors());
                status = e.status();
            }
        }
        render(ctx, form.hasProblems() ? status : 200, event, form, price);
    }

    /** A checkout the buyer can do something about: bad input, sold out, declined. */
    private static final class Refusal extends Exception {
        final int status;
        final String detail;
        final List<FieldError> errors;

        Refusal(int status, String detail, List<FieldError> errors) {
            super(detail, null, false, false);
            this.status = status;
            this.detail = detail;
            this.errors = errors;
        }
    }

    /**
     * Places the order under the form's idempotency key: a double submit, or a reload of the answer, gets the first
     * order back instead of buying twice, waiting while the first is still being placed.
     */
    private CheckoutResult place(CheckoutRequest request, String key) throws Refusal {
        for (int attempt = 0; ; attempt++) {
            try {
                return switch (checkout.checkout(request, key)) {
                    case CheckoutService.Outcome.Placed placed -> placed.result();
                    case CheckoutService.Outcome.Replayed replayed -> replayed(replayed.status(), replayed.json());
                };
            } catch (TooManyRequestsException e) {
                throw e;
            } catch (ApiException e) {
                var kind = e.toProblem("").type().toString();
                if (kind.endsWith(":request-in-progress") && attempt < IN_PROGRESS_RETRIES) {
                    pause();
                } else if (kind.endsWith(":idempotency-key-reused")) {
                    // A cached page gave two buyers one key; this buyer's order is a new one.
                    key = newKey();
                } else if (e.status() >= 500) {
                    throw new Refusal(
                            503,
                            "The payment provider could not be reached, and nothing was charged. Please try again"
                                    + " in a minute.",
                            List.of());
                } else {
                    throw new Refusal(e.status(), e.getMessage(), e.errors());
                }
            }
        }
    }

    private CheckoutResult replayed(int status, String body) throws Refusal {
        if (status < 300) {
            return json.readValue(body, CheckoutResult.class);
        }
        var problem = json.readValue(body, Problem.class);
        throw new Refusal(status, problem.detail() == null ? problem.title() : problem.detail(), problem.errors());
    }

    private static void pause() {
        try {
            Thread.sleep(IN_PROGRESS_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first submit", e);
        }
    }

    /**
     * The payment provider sends the buyer back to {@code /orders/<id>/paid}, an address that cannot carry the order
     * token; the token travels in a cookie of that path instead. SameSite=Lax still sends it on the top-level
     * navigation back from the provider's site, and HttpOnly keeps it from scripts.
     */
    private void setOrderCookie(Context ctx, CheckoutResult result) {
        var cookie = ORDER_COOKIE + "=" + result.orderToken() + "; Path=/orders/"
                + result.receipt().orderId() + "; Max-Age=" + ORDER_COOKIE_LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Lax";
        if ("https".equals(publicUrl.base().getScheme()) || "https".equals(ctx.scheme())) {
            cookie += "; Secure";
        }
        ctx.res().addHeader("Set-Cookie", cookie);
    }

    private void paidPage(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        var receipt = receipt(ctx.pathParam("orderId"), ctx.cookie(ORDER_COOKIE));
        if (receipt == null) {
            // Without the order token (another browser, or the cookie expired) the order stays private.
            ViewerPages.message(
                    ctx,
                    200,
                    "Thank you",
                    "Your payment went through. Your tickets are on their way by e-mail: each one has its own Watch"
                            + " link.",
                    "If nothing arrives within a few minutes, check your spam folder, or ask the organiser to send the"
                            + " tickets again.");
            return;
        }
        var price = PurchaseForm.price(
                receipt.currency(),
                receipt.lines(),
                receipt.subtotalMinor(),
                receipt.discountMinor(),
                receipt.totalMinor(),
                receipt.promoCode());
        // The receipt carries no fee: the platform's fee comes out of the organiser's share, not the buyer's.
        var event = events.publicEvent(receipt.eventId());
        var page = new OrderPage(
                heading(receipt),
                paragraphs(receipt),
                receipt.reference(),
                receipt.eventTitle(),
                event.brandColour(),
                "/e/" + event.slug(),
                price);
        ctx.header("Content-Security-Policy", POLICY).html(Templates.render("pages/order.jte", page));
    }

    private @Nullable Receipt receipt(String orderId, @Nullable String token) {
        if (token == null) {
            return null;
        }
        try {
            return checkout.receipt(UUID.fromString(orderId), token);
        } catch (IllegalArgumentException | NotFoundException e) {
            return null;
        }
    }

    private static String heading(Receipt receipt) {
        if (receipt.refundPending()) {
            return "Your payment is being given back";
        }
        return switch (receipt.status()) {
            case PAID -> "Thank you, " + receipt.buyerName();
            case PENDING -> "Waiting for your payment";
            case CANCELLED -> "This order was not paid";
            case REFUNDED -> "This order was refunded";
        };
    }

    private static List<String> paragraphs(Receipt receipt) {
        if (receipt.refundPending()) {
            return List.of("This order is being refunded (for example, the event was cancelled, or the payment came"
                    + " after the order could no longer be filled): the payment is on its way back to you, and the"
                    + " order has no tickets that work. There is nothing you need to do.");
        }
        return switch (receipt.status()) {
            case PAID ->
                List.of(
                        "Your order is paid. Your tickets are on their way to " + receipt.buyerEmail()
                                + ": each one has its own Watch link.",
                        "If nothing arrives within a few minutes, check your spam folder, or use \"Lost your ticket"
                                + " link?\" on the event page.");
            case PENDING ->
                List.of("The payment provider has not confirmed your payment yet. As soon as it does, your tickets"
                        + " are sent to " + receipt.buyerEmail() + ". Reload this page to see.");
            case CANCELLED ->
                List.of("Nothing was charged, and the seats were released. You can start again from the event page.");
            case REFUNDED -> List.of("The payment was given back, and the tickets of this order no longer work.");
        };
    }

    private void resendPost(Context ctx) {
        if (refusedAsCrossSite(ctx) || refusedAsTooOften(ctx, resends)) {
            return;
        }
        var slug = ctx.pathParam("slug");
        var event = events.publicEvent(slug);
        ctx.header("Cache-Control", "no-store");
        var check = new InputCheck();
        var email = check.email("email", ctx.formParam(PurchaseForm.RESEND_EMAIL));
        if (!check.isValid()) {
            var form = PurchaseForm.posted(event, payments.ids(), ctx::formParam, newKey());
            form.problem(PurchaseForm.RESEND_EMAIL, "Enter an e-mail address such as name@example.org");
            render(ctx, 422, event, form, null);
            return;
        }
        // The same answer whether or not anything was sent, so that nobody can find out who bought tickets.
        lifecycle.resendTicketsBoughtWith(events.publishedEventId(slug), email);
        var notice = new Notice(
                "Check your inbox · " + event.title(),
                event.brandColour(),
                "Check your inbox",
                List.of(
                        "If tickets for this event were bought with that address, we have sent the links again.",
                        "Links in earlier e-mails no longer work: use the newest one. Nothing there? Check your"
                                + " spam folder, or try the address you bought with."),
                "/e/" + event.slug());
        ctx.header("Content-Security-Policy", POLICY).html(Templates.render("pages/notice.jte", notice));
    }

    private void render(Context ctx, int status, PublicEvent event, PurchaseForm form, @Nullable PriceView price) {
        boolean cancelled = event.status() == EventStatus.CANCELLED;
        var onSale = cancelled ? List.<PublicTicketType>of() : PurchaseForm.onSale(event);
        var rows = cancelled
                ? List.<TicketRow>of()
                : event.ticketTypes().stream()
                        .map(t -> new TicketRow(
                                t.name(),
                                t.priceMinor() == 0
                                        ? "Free"
                                        : Currencies.format(t.priceMinor(), t.currency(), Locale.UK),
                                t.onSaleNow()
                                        ? t.available() + " left"
                                        : t.available() == 0 ? "Sold out" : "Not on sale now",
                                ViewerPages.describe(t.access()),
                                t.onSaleNow() ? form.field(PurchaseForm.quantityField(t)) : null,
                                PurchaseForm.maxQuantity(t)))
                        .toList();
        var page = new EventPage(
                event.title(),
                event.brandColour(),
                BrandColours.textOn(event.brandColour()),
                TicketEmail.startTime(event.startsAt(), event.timeZone()),
                event.durationMinutes() + " minutes",
                event.description(),
                event.hasCover() ? "/api/v1/public/events/" + event.slug() + "/cover" : null,
                cancelled,
                rows,
                form.summary(),
                onSale.isEmpty() ? null : form.toView("/e/" + event.slug() + "/checkout", price),
                cancelled
                        ? null
                        : new ResendForm("/e/" + event.slug() + "/resend-link", form.field(PurchaseForm.RESEND_EMAIL)));
        ctx.status(status).header("Content-Security-Policy", POLICY).html(Templates.render("pages/event.jte", page));
    }

    /**
     * A form post from another site is refused: browsers say where a post comes from in {@code Sec-Fetch-Site}, and
     * older ones at least in {@code Origin}. A post with neither did not come from a browser, so it cannot be a
     * forgery riding on a buyer's visit to another site.
     */
    private boolean refusedAsCrossSite(Context ctx) {
        var site = ctx.header("Sec-Fetch-Site");
        boolean crossSite;
        if (site != null) {
            crossSite = !site.equals("same-origin") && !site.equals("none");
        } else {
            var origin = ctx.header("Origin");
            crossSite = origin != null && !sameOrigin(origin, ctx);
        }
        if (crossSite) {
            ViewerPages.message(
                    ctx.header("Cache-Control", "no-store"),
                    403,
                    "This form came from another site",
                    "For your safety, this server accepts purchases and requests for ticket links only from its own"
                            + " pages. Open the event page and try again from there.");
        }
        return crossSite;
    }

    private boolean sameOrigin(String origin, Context ctx) {
        var ours = publicUrl.base();
        return origin.equalsIgnoreCase(originOf(ours)) || origin.equalsIgnoreCase(ctx.scheme() + "://" + ctx.host());
    }

    private static String originOf(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Counts a post from the client's address; answers 429 with a page saying when to try again once it is over. */
    private static boolean refusedAsTooOften(Context ctx, RateLimiter limiter) {
        try {
            limiter.acquire(ClientAddress.of(ctx));
            return false;
        } catch (TooManyRequestsException e) {
            long minutes = Math.max(1, (e.retryAfter().toSeconds() + 59) / 60);
            ctx.header("Retry-After", Long.toString(e.retryAfter().toSeconds()));
            ViewerPages.message(
                    ctx.header("Cache-Control", "no-store"),
                    429,
                    "Please wait a little",
                    "This form has been sent too often from your network address. Try again in " + minutes
                            + (minutes == 1 ? " minute." : " minutes."));
            return true;
        }
    }

    /** Answers 429 with a page saying why and when to try again, as the API's problem does. */
    private static void pleaseWait(Context ctx, TooManyRequestsException e) {
        ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        ViewerPages.message(ctx.header("Cache-Control", "no-store"), 429, "Please wait a little", e.getMessage());
    }

    private static String newKey() {
        return Tokens.newSecret();
    }
}
