package io.stagedoor.server.sales;

import io.stagedoor.api.ApiJson;
import io.stagedoor.api.FieldError;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.Quote;
import io.stagedoor.api.sales.QuoteLine;
import io.stagedoor.api.sales.QuoteRequest;
import io.stagedoor.api.sales.Receipt;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ApiException;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.events.PromoCodeRow;
import io.stagedoor.server.events.PromoCodeService;
import io.stagedoor.server.events.TicketTypeRow;
import io.stagedoor.server.events.TicketTypeService;
import io.stagedoor.server.payments.PaymentRequest;
import io.stagedoor.server.payments.PaymentStart;
import io.stagedoor.server.payments.Payments;
import io.stagedoor.server.secrets.Tokens;
import io.stagedoor.server.tickets.TicketCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Buying tickets. Prices come from the server only. Seats and promo-code uses are taken under row locks, in one
 * transaction with the order, so that no seat is sold twice and no code is used past its limit; payment then runs
 * outside the transaction, and a failed payment gives everything back. How often buyers may buy and ask for prices,
 * and how many purchases are worked on at once, is {@link CheckoutLimits}' business.
 */
public final class CheckoutService {

    static final String FREE = "free";
    static final int MAX_LINES = 20;
    /** The most tickets one order may hold. */
    public static final int MAX_TICKETS = 50;

    private static final String SCOPE = "checkout";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Payments payments;
    private final OrderLifecycle lifecycle;
    private final PublicUrl publicUrl;
    private final Duration hold;
    private final CheckoutLimits limits;
    private final Idempotency idempotency;
    private final JsonMapper json = ApiJson.builder().build();

    public CheckoutService(
            Jdbi jdbi,
            Clock clock,
            Payments payments,
            OrderLifecycle lifecycle,
            PublicUrl publicUrl,
            Duration hold,
            CheckoutLimits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.publicUrl = publicUrl;
        this.hold = hold;
        this.limits = limits;
        this.idempotency = new Idempotency(jdbi, clock);
    }

    /**
     * What a basket would cost now, for a price check from {@code clientAddress}, counted against its allowance.
     *
     * @throws io.stagedoor.server.error.TooManyRequestsException when the address, or everyone, asked too often
     */
    public Quote quote(QuoteRequest request, String clientAddress) {
        limits.countQuote(clientAddress);
        return quote(request);
    }

    /** What a basket would cost now; nothing is reserved. The caller has counted the request already. */
    public Quote quote(QuoteRequest request) {
        var check = new InputCheck();
        var eventId = check.present("eventId", request.eventId());
        var items = checkItems(check, request.items());
        var promoCode = check.optionalText("promoCode", request.promoCode(), 40);
        check.throwIfInvalid();
        return jdbi.withHandle(
                handle -> price(handle, eventId, items, promoCode).toApi());
    }

    /** What a checkout came to: a new order, or the stored answer to an earlier request with the same key. */
    public sealed interface Outcome {
        /** The order placed by this request. */
        record Placed(CheckoutResult result) implements Outcome {}

        /** The answer (status and JSON body) given to the first request with this Idempotency-Key. */
        record Replayed(int status, String json) implements Outcome {}
    }

    /**
     * Places an order for a purchase from {@code clientAddress}, counted against its allowance.
     *
     * @throws io.stagedoor.server.error.TooManyRequestsException when the address, or everyone, bought too often, or
     *     too many purchases are being worked on to take this one in time
     */
    public Outcome checkout(CheckoutRequest request, @Nullable String idempotencyKey, String clientAddress) {
        limits.countPurchase(clientAddress);
        return checkout(request, idempotencyKey);
    }

    /**
     * Places an order; the caller has counted the request already. With an {@code Idempotency-Key}, a repeat of the
     * same request answers as the first did.
     *
     * @throws io.stagedoor.server.error.TooManyRequestsException when too many purchases are being worked on to take
     *     this one in time
     */
    public Outcome checkout(CheckoutRequest request, @Nullable String idempotencyKey) {
        var order = validate(request);
        try (var turn = limits.turn()) {
            return checkoutInTurn(order, request, idempotencyKey);
        }
    }

    private Outcome checkoutInTurn(Wanted order, CheckoutRequest request, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Outcome.Placed(place(order, null));
        }
        var key = Idempotency.checkKey(idempotencyKey);
        var earlier = idempotency.claim(SCOPE, key, fingerprint(request));
        if (earlier.isPresent()) {
            return new Outcome.Replayed(earlier.get().status(), earlier.get().body());
        }
        try {
            var result = place(order, key);
            idempotency.complete(SCOPE, key, 201, json.writeValueAsString(result));
            return new Outcome.Placed(result);
        } catch (ApiException e) {
            if (e.status() >= 500) {
                idempotency.release(SCOPE, key);
            } else {
                idempotency.complete(SCOPE, key, e.status(), json.writeValueAsString(e.toProblem("/api/v1/checkout")));
            }
            throw e;
        } catch (RuntimeException e) {
            idempotency.release(SCOPE, key);
            throw e;
        }
    }

    /** The order as its buyer sees it, for the holder of its order token. */
    public Receipt receipt(UUID orderId, @Nullable String orderToken) {
        return jdbi.withHandle(handle -> {
            var order = OrderRow.load(handle, orderId, false);
            var expected = order.accessTokenHash().getBytes(StandardCharsets.US_ASCII);
            var given =
                    orderToken == null ? new byte[0] : Tokens.hash(orderToken).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, given)) {
                throw new NotFoundException("There is no order " + orderId + " for this order token.");
            }
            return order.toReceipt(Events.byId(handle, order.eventId(), false).title());
        });
    }

    int purgeExpiredIdempotencyKeys() {
        return idempotency.purgeExpired();
    }

    /** A checked request: what to buy, for whom, paid how. */
    private record Wanted(
            UUID eventId,
            String buyerName,
            String buyerEmail,
            List<CheckoutItem> items,
            String promoCode,
            @Nullable String provider,
            @Nullable String testCardNumber) {}

    private Wanted validate(CheckoutRequest request) {
        var check = new InputCheck();
        var eventId = check.present("eventId", request.eventId());
        var buyer = check.present("buyer", request.buyer());
        var name = buyer == null ? "" : check.text("buyer.name", buyer.name(), 200);
        var email = buyer == null ? "" : check.email("buyer.email", buyer.email());
        var items = checkItems(check, request.items());
        var promoCode = check.optionalText("promoCode", request.promoCode(), 40);
        var payment = request.payment();
        String provider = null;
        if (payment != null && payment.provider() != null) {
            provider = payment.provider().strip();
            var known = payments.provider(provider);
            if (known.isEmpty()) {
                check.fail(
                        "payment.provider",
                        "must be one of " + String.join(", ", payments.ids())
                                + " (orders that cost nothing need no payment)");
            } else {
                known.get().checkChoice(payment.testCardNumber(), check);
            }
        }
        check.throwIfInvalid();
        return new Wanted(
                eventId, name, email, items, promoCode, provider, payment == null ? null : payment.testCardNumber());
    }

    private static List<CheckoutItem> checkItems(InputCheck check, @Nullable List<CheckoutItem> items) {
        if (items == null || items.isEmpty()) {
            check.fail("items", "must name at least one ticket type and quantity");
            return List.of();
        }
        if (items.size() > MAX_LINES) {
            check.fail("items", "may have at most " + MAX_LINES + " lines");
            return List.of();
        }
        var seen = new HashSet<UUID>();
        int tickets = 0;
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (item == null) {
                check.fail("items[" + i + "]", "must be an object with ticketTypeId and quantity");
                continue;
            }
            if (check.present("items[" + i + "].ticketTypeId", item.ticketTypeId()) != null
                    && !seen.add(item.ticketTypeId())) {
                check.fail("items[" + i + "].ticketTypeId", "appears twice; give one line per ticket type");
            }
            tickets += check.between("items[" + i + "].quantity", item.quantity(), 1, MAX_TICKETS);
        }
        check.require(tickets <= MAX_TICKETS, "items", "may buy at most " + MAX_TICKETS + " tickets at once");
        return items;
    }

    /** Prices a basket inside a transaction, checking that everything in it may be bought now. */
    private Pricing.Priced price(Handle handle, UUID eventId, List<CheckoutItem> items, String promoCode) {
        var event = Events.byId(handle, eventId, false);
        if (event.status() == EventStatus.DRAFT) {
            throw Events.notFound(eventId);
        }
        if (!event.isOnSale()) {
            throw new ConflictException(
                    "not-on-sale",
                    "Not on sale",
                    "Tickets for this event are no longer sold: it has "
                            + (event.status() == EventStatus.CANCELLED ? "been cancelled." : "ended."));
        }
        var types = new HashMap<UUID, TicketTypeRow>();
        TicketTypeService.rows(handle, eventId).forEach(t -> types.put(t.id(), t));
        var now = clock.instant();
        var check = new InputCheck();
        var priced = new ArrayList<Pricing.Item>();
        for (int i = 0; i < items.size(); i++) {
            var type = types.get(items.get(i).ticketTypeId());
            if (type == null) {
                check.fail("items[" + i + "].ticketTypeId", "is not a ticket type of this event");
            } else if (!type.onSaleAt(event, now)) {
                check.fail("items[" + i + "].ticketTypeId", salesWindowMessage(type, now));
            } else {
                priced.add(new Pricing.Item(type, items.get(i).quantity()));
            }
        }
        var promo = promoCode.isEmpty() ? null : findPromo(handle, check, eventId, promoCode, priced, now);
        check.throwIfInvalid();
        if (promo != null && usedUp(promo)) {
            throw promoCodeUsedUp(promo);
        }
        return Pricing.price(priced, promo);
    }

    /**
     * The code typed, when it exists and applies; problems with it go to {@code check}, except that a code used up
     * (and otherwise good) is returned as it is, for the caller to refuse as {@link #promoCodeUsedUp} once the rest of
     * the request is found valid.
     */
    private static @Nullable PromoCodeRow findPromo(
            Handle handle, InputCheck check, UUID eventId, String typed, List<Pricing.Item> items, Instant now) {
        var promo = PromoCodeService.find(handle, eventId, typed);
        if (promo.isEmpty()) {
            check.fail("promoCode", "is not a valid code for this event");
            return null;
        }
        var reason = unusableApartFromUses(promo.get(), now);
        if (reason != null) {
            check.fail("promoCode", reason);
            return null;
        }
        if (items.stream()
                .noneMatch(item -> promo.get().appliesTo(item.ticketType().id()))) {
            check.fail("promoCode", "does not apply to the chosen tickets");
            return null;
        }
        return promo.get();
    }

    /** Why the code cannot be used at {@code now} other than having been used up, or null. */
    private static @Nullable String unusableApartFromUses(PromoCodeRow promo, Instant now) {
        return usedUp(promo) && promo.active() && inValidity(promo, now) ? null : promo.unusableReason(now);
    }

    private static boolean inValidity(PromoCodeRow promo, Instant now) {
        return (promo.validFrom() == null || !now.isBefore(promo.validFrom()))
                && (promo.validUntil() == null || now.isBefore(promo.validUntil()));
    }

    private static boolean usedUp(PromoCodeRow promo) {
        return promo.maxRedemptions() != null && promo.redemptions() >= promo.maxRedemptions();
    }

    /**
     * The one answer to a code that has been used as often as it may be: before the order is reserved or while it is,
     * for a checkout, a price check or the event page's form alike.
     */
    static ConflictException promoCodeUsedUp(PromoCodeRow promo) {
        return new ConflictException(
                "promo-code-used-up",
                "Promo code used up",
                "The promo code " + promo.code() + " has been used as often as it may be.",
                List.of(new FieldError("promoCode", "has been used up")));
    }

    private static String salesWindowMessage(TicketTypeRow type, Instant now) {
        if (type.saleStartsAt() != null && now.isBefore(type.saleStartsAt())) {
            return "is not on sale yet: sales open at " + type.saleStartsAt();
        }
        return "is no longer on sale";
    }

    /** The order waiting for payment, as the reservation transaction left it. */
    private record Reserved(OrderRow order, String orderToken, String eventTitle, List<QuoteLine> lines) {}

    /** Places the order; {@code idempotencyKey}, when given, is told in the same transaction which order it placed. */
    private CheckoutResult place(Wanted wanted, @Nullable String idempotencyKey) {
        var reserved = jdbi.inTransaction(handle -> {
            var placed = reserve(handle, wanted);
            if (idempotencyKey != null) {
                Idempotency.placed(handle, SCOPE, idempotencyKey, placed.order().id());
            }
            return placed;
        });
        var order = reserved.order();
        String paymentUrl = null;
        if (order.provider().equals(FREE)) {
            lifecycle.markPaid(order.id(), null);
        } else {
            var provider = payments.provider(order.provider()).orElseThrow();
            PaymentStart start;
            try {
                start = provider.start(paymentRequest(reserved, wanted));
            } catch (RuntimeException e) {
                lifecycle.cancelPending(
                        order.id(), OrderRow.CancelReason.NOT_STARTED, "payment did not start: " + e.getMessage());
                throw e;
            }
            switch (start) {
                case PaymentStart.Paid paid -> lifecycle.markPaid(order.id(), paid.paymentId());
                case PaymentStart.Redirect redirect -> {
                    jdbi.useHandle(
                            handle -> handle.createUpdate("UPDATE orders SET provider_reference = :ref WHERE id = :id")
                                    .bind("ref", redirect.reference())
                                    .bind("id", order.id())
                                    .execute());
                    paymentUrl = redirect.url().toString();
                }
            }
        }
        var receipt = jdbi.withHandle(
                handle -> OrderRow.load(handle, order.id(), false).toReceipt(reserved.eventTitle()));
        return new CheckoutResult(receipt, paymentUrl, reserved.orderToken());
    }

    private Reserved reserve(Handle handle, Wanted wanted) {
        var priced = price(handle, wanted.eventId(), wanted.items(), wanted.promoCode());
        var provider = priced.totalMinor() == 0 ? FREE : wanted.provider();
        if (provider == null) {
            throw InvalidInputException.of(
                    "payment.provider",
                    "must be given for an order that costs something: one of " + String.join(", ", payments.ids()));
        }
        // Once sold out, a crowd of buyers is answered from what was just read, without queueing for the locks.
        refuseIfSoldOut(
                priced,
                priced.lines().stream()
                        .collect(Collectors.toMap(
                                l -> l.ticketType().id(), l -> l.ticketType().available())));
        takeSeats(handle, priced);
        if (priced.promo() != null) {
            takePromoUse(handle, priced.promo(), clock.instant());
        }
        var now = clock.instant();
        var orderId = UUID.randomUUID();
        var orderToken = Tokens.newSecret();
        var insert = handle.createUpdate("""
                        INSERT INTO orders (id, reference, event_id, status, buyer_name, buyer_email, currency,
                            subtotal_minor, discount_minor, total_minor, promo_code_id, provider, access_token_hash,
                            created_at, expires_at)
                        VALUES (:id, :reference, :event, 'PENDING', :name, :email, :currency, :subtotal, :discount,
                            :total, :promo, :provider, :tokenHash, :now, :expires)
                        """)
                .bind("id", orderId)
                .bind("reference", freshReference(handle))
                .bind("event", wanted.eventId())
                .bind("name", wanted.buyerName())
                .bind("email", wanted.buyerEmail())
                .bind("currency", priced.currency())
                .bind("subtotal", priced.subtotalMinor())
                .bind("discount", priced.discountMinor())
                .bind("total", priced.totalMinor())
                .bind("provider", provider)
                .bind("tokenHash", Tokens.hash(orderToken))
                .bind("now", Sql.time(now))
                .bind("expires", Sql.time(now.plus(hold)));
        Sql.bindUuid(
                        insert,
                        "promo",
                        priced.promo() == null ? null : priced.promo().id())
                .execute();
        for (var line : priced.lines()) {
            handle.createUpdate("""
                            INSERT INTO order_line (order_id, ticket_type_id, ticket_type_name, quantity,
                                unit_price_minor, subtotal_minor, discount_minor, total_minor)
                            VALUES (:order, :type, :name, :quantity, :unit, :subtotal, :discount, :total)
                            """)
                    .bind("order", orderId)
                    .bind("type", line.ticketType().id())
                    .bind("name", line.ticketType().name())
                    .bind("quantity", line.quantity())
                    .bind("unit", line.ticketType().priceMinor())
                    .bind("subtotal", line.subtotalMinor())
                    .bind("discount", line.discountMinor())
                    .bind("total", line.totalMinor())
                    .execute();
        }
        var event = Events.byId(handle, wanted.eventId(), false);
        return new Reserved(
                OrderRow.load(handle, orderId, false),
                orderToken,
                event.title(),
                priced.lines().stream().map(Pricing.Line::toApi).toList());
    }

    /**
     * Holds the seats under row locks taken in ticket-type ID order, so that concurrent checkouts wait for each
     * other instead of deadlocking; the CHECK on {@code ticket_type} refuses overselling even if this were wrong.
     */
    private static void takeSeats(Handle handle, Pricing.Priced priced) {
        var lines = priced.lines().stream()
                .sorted(Comparator.comparing(l -> l.ticketType().id()))
                .toList();
        Map<UUID, Integer> free = new HashMap<>();
        for (var line : lines) {
            free.put(
                    line.ticketType().id(),
                    handle.createQuery("SELECT quota - sold - reserved FROM ticket_type WHERE id = :id FOR UPDATE")
                            .bind("id", line.ticketType().id())
                            .mapTo(Integer.class)
                            .one());
        }
        refuseIfSoldOut(priced, free);
        for (var line : lines) {
            handle.createUpdate("UPDATE ticket_type SET reserved = reserved + :q WHERE id = :id")
                    .bind("q", line.quantity())
                    .bind("id", line.ticketType().id())
                    .execute();
        }
    }

    /**
     * Takes one use of the code under its row's lock, checking it again as it is now: a buyer who loses the race for
     * its last use gets the same answer as one who comes after it was gone.
     */
    /** Refuses the basket as sold out when a line wants more than {@code free} has of its ticket type. */
    private static void refuseIfSoldOut(Pricing.Priced priced, Map<UUID, Integer> free) {
        var soldOut = new ArrayList<FieldError>();
        for (int i = 0; i < priced.lines().size(); i++) {
            var line = priced.lines().get(i);
            int left = Math.max(0, free.get(line.ticketType().id()));
            if (left < line.quantity()) {
                soldOut.add(new FieldError(
                        "items[" + i + "].quantity",
                        left == 0
                                ? line.ticketType().name() + " is sold out"
                                : "only " + left + " left of "
                                        + line.ticketType().name()));
            }
        }
        if (!soldOut.isEmpty()) {
            throw new ConflictException("sold-out", "Sold out", "Not enough seats are left.", soldOut);
        }
    }

    private static void takePromoUse(Handle handle, PromoCodeRow priced, Instant now) {
        handle.createQuery("SELECT id FROM promo_code WHERE id = :id FOR UPDATE")
                .bind("id", priced.id())
                .mapTo(UUID.class)
                .one();
        var promo = PromoCodeService.find(handle, priced.eventId(), priced.code())
                .filter(found -> found.id().equals(priced.id()))
                .orElseThrow(() -> InvalidInputException.of("promoCode", "is not a valid code for this event"));
        var reason = unusableApartFromUses(promo, now);
        if (reason != null) {
            throw InvalidInputException.of("promoCode", reason);
        }
        if (usedUp(promo)) {
            throw promoCodeUsedUp(promo);
        }
        handle.createUpdate("UPDATE promo_code SET redemptions = redemptions + 1 WHERE id = :id")
                .bind("id", promo.id())
                .execute();
    }

    private static String freshReference(Handle handle) {
        for (int attempt = 0; attempt < 20; attempt++) {
            var reference = TicketCodes.orderReference();
            if (handle.createQuery("SELECT COUNT(*) FROM orders WHERE reference = :ref")
                            .bind("ref", reference)
                            .mapTo(Integer.class)
                            .one()
                    == 0) {
                return reference;
            }
        }
        throw new IllegalStateException("No free order reference after 20 attempts");
    }

    private PaymentRequest paymentRequest(Reserved reserved, Wanted wanted) {
        var order = reserved.order();
        return new PaymentRequest(
                order.id(),
                order.reference(),
                reserved.eventTitle(),
                order.currency(),
                reserved.lines(),
                order.totalMinor(),
                order.buyerEmail(),
                publicUrl.resolve("orders/" + order.id() + "/paid"),
                publicUrl.resolve("orders/" + order.id() + "/cancelled"),
                wanted.testCardNumber());
    }

    /** Identifies a request's content, to tell a retry from a different request under the same key. */
    private String fingerprint(CheckoutRequest request) {
        return Tokens.hash(json.writeValueAsString(request));
    }
}
