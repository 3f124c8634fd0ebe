package io.stagedoor.server.events;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeChanges;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.money.Currencies;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** The kinds of ticket an event sells: price, quota, sale window, and what each lets its holder watch. */
public final class TicketTypeService {

    static final int MAX_QUOTA = 1_000_000;
    static final int MAX_HOURS = 24 * 366;

    private final Jdbi jdbi;
    private final Clock clock;

    public TicketTypeService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public TicketType create(Caller caller, UUID eventId, TicketTypeDraft draft) {
        var check = new InputCheck();
        var name = check.text("name", draft.name(), 120);
        var currencyCode = check.text("currency", draft.currency(), 3).toUpperCase(Locale.ROOT);
        var currency = currencyCode.isEmpty() ? Optional.<Currency>empty() : Currencies.of(currencyCode);
        if (!currencyCode.isEmpty() && currency.isEmpty()) {
            check.fail("currency", "must be an ISO 4217 currency code such as EUR, was \"" + draft.currency() + "\"");
        }
        long price = check.between(
                "priceMinor",
                draft.priceMinor(),
                0,
                currency.map(Currencies::maxPriceMinor).orElse(Long.MAX_VALUE));
        int quota = check.between("quota", draft.quota(), 1, MAX_QUOTA);
        checkWindow(check, draft.saleStartsAt(), draft.saleEndsAt());
        var access = checkAccess(check, draft.access());
        check.throwIfInvalid();

        var id = UUID.randomUUID();
        return jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            requireOpen(event);
            var existing = rows(handle, eventId);
            if (!existing.isEmpty() && !existing.getFirst().currency().equals(currencyCode)) {
                var mismatch = new InputCheck();
                mismatch.fail(
                        "currency",
                        "must be " + existing.getFirst().currency()
                                + ", the currency of this event's other ticket types: an order has one currency");
                mismatch.throwIfInvalid();
            }
            handle.createUpdate("""
                            INSERT INTO ticket_type (id, event_id, name, price_minor, currency, quota, sale_starts_at,
                                sale_ends_at, grants_live, replay_hours, grants_on_demand, rental_hours, doors_open_minutes, sort_order,
                                created_at)
                            VALUES (:id, :event, :name, :price, :currency, :quota, :opens, :closes, :live, :replay,
                                :onDemand, :rental, :doors, :order, :now)
                            """)
                    .bind("id", id)
                    .bind("event", eventId)
                    .bind("name", name)
                    .bind("price", price)
                    .bind("currency", currencyCode)
                    .bind("quota", quota)
                    .bind("opens", Sql.time(draft.saleStartsAt()))
                    .bind("closes", Sql.time(draft.saleEndsAt()))
                    .bind("live", access.live())
                    .bind("replay", access.replayHours())
                    .bind("onDemand", access.onDemand())
                    .bind("rental", access.rentalHours())
                    .bind("doors", access.doorsOpenMinutes())
                    .bind("order", existing.size())
                    .bind("now", Sql.time(clock.instant()))
                    .execute();
            return row(handle, eventId, id).toApi();
        });
    }

    public List<TicketType> list(Caller caller, UUID eventId) {
        return jdbi.withHandle(handle -> {
            Events.owned(handle, caller, eventId, false);
            return rows(handle, eventId).stream().map(TicketTypeRow::toApi).toList();
        });
    }

    public TicketType update(Caller caller, UUID eventId, UUID ticketTypeId, TicketTypeChanges changes) {
        var check = new InputCheck();
        var name = changes.name() == null ? null : check.text("name", changes.name(), 120);
        var quota = changes.quota() == null ? null : check.between("quota", changes.quota(), 1, MAX_QUOTA);
        var access = changes.access() == null ? null : checkAccess(check, changes.access());
        var cleared = check.cleared(
                changes.clear(),
                TicketTypeChanges.CLEARABLE,
                Map.of(
                        TicketTypeChanges.SALE_STARTS_AT, changes.saleStartsAt() != null,
                        TicketTypeChanges.SALE_ENDS_AT, changes.saleEndsAt() != null));
        check.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            requireOpen(event);
            var current = row(handle, eventId, ticketTypeId);
            var prices = new InputCheck();
            long price = changes.priceMinor() == null
                    ? current.priceMinor()
                    : prices.between(
                            "priceMinor",
                            changes.priceMinor(),
                            0,
                            Currencies.maxPriceMinor(Currency.getInstance(current.currency())));
            var opens = cleared.contains(TicketTypeChanges.SALE_STARTS_AT)
                    ? null
                    : changes.saleStartsAt() != null ? changes.saleStartsAt() : current.saleStartsAt();
            var closes = cleared.contains(TicketTypeChanges.SALE_ENDS_AT)
                    ? null
                    : changes.saleEndsAt() != null ? changes.saleEndsAt() : current.saleEndsAt();
            checkWindow(prices, opens, closes);
            int newQuota = quota != null ? quota : current.quota();
            prices.require(
                    newQuota >= current.sold() + current.reserved(),
                    "quota",
                    "cannot be below the " + (current.sold() + current.reserved()) + " seats already sold or held");
            prices.throwIfInvalid();
            var newAccess = access != null ? access : current.access();
            handle.createUpdate("""
                            UPDATE ticket_type SET name = :name, price_minor = :price, quota = :quota,
                                sale_starts_at = :opens, sale_ends_at = :closes, grants_live = :live,
                                replay_hours = :replay, grants_on_demand = :onDemand, rental_hours = :rental,
                                doors_open_minutes = :doors
                            WHERE id = :id
                            """)
                    .bind("name", name != null ? name : current.name())
                    .bind("price", price)
                    .bind("quota", newQuota)
                    .bind("opens", Sql.time(opens))
                    .bind("closes", Sql.time(closes))
                    .bind("live", newAccess.live())
                    .bind("replay", newAccess.replayHours())
                    .bind("onDemand", newAccess.onDemand())
                    .bind("rental", newAccess.rentalHours())
                    .bind("doors", newAccess.doorsOpenMinutes())
                    .bind("id", ticketTypeId)
                    .execute();
            return row(handle, eventId, ticketTypeId).toApi();
        });
    }

    /** Removes a ticket type that nobody has ordered yet. */
    public void delete(Caller caller, UUID eventId, UUID ticketTypeId) {
        jdbi.useTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            requireOpen(event);
            row(handle, eventId, ticketTypeId);
            int orders = handle.createQuery("SELECT COUNT(*) FROM order_line WHERE ticket_type_id = :id")
                    .bind("id", ticketTypeId)
                    .mapTo(Integer.class)
                    .one();
            if (orders > 0) {
                throw new ConflictException(
                        "ticket-type-in-use",
                        "Ticket type in use",
                        "Orders include this ticket type, so it stays; set its quota to what is sold to stop sales.");
            }
            handle.createUpdate("DELETE FROM promo_code_ticket_type WHERE ticket_type_id = :id")
                    .bind("id", ticketTypeId)
                    .execute();
            handle.createUpdate("DELETE FROM ticket_type WHERE id = :id")
                    .bind("id", ticketTypeId)
                    .execute();
        });
    }

    /** The event's ticket types in the order they were added. */
    public static List<TicketTypeRow> rows(Handle handle, UUID eventId) {
        return handle.createQuery("SELECT " + TicketTypeRow.COLUMNS
                        + " FROM ticket_type WHERE event_id = :event ORDER BY sort_order, id")
                .bind("event", eventId)
                .map((rs, ctx) -> TicketTypeRow.map(rs))
                .list();
    }

    static TicketTypeRow row(Handle handle, UUID eventId, UUID ticketTypeId) {
        return handle.createQuery(
                        "SELECT " + TicketTypeRow.COLUMNS + " FROM ticket_type WHERE id = :id AND event_id = :event")
                .bind("id", ticketTypeId)
                .bind("event", eventId)
                .map((rs, ctx) -> TicketTypeRow.map(rs))
                .findOne()
                .orElseThrow(
                        () -> new NotFoundException("There is no ticket type " + ticketTypeId + " in this event."));
    }

    static void requireOpen(EventRow event) {
        if (event.status() == EventStatus.ENDED || event.status() == EventStatus.CANCELLED) {
            throw new ConflictException(
                    "event-closed",
                    "Event closed",
                    "The event is " + event.status().name().toLowerCase(Locale.ROOT) + "; its sales cannot change.");
        }
    }

    private static void checkWindow(InputCheck check, @Nullable Instant opens, @Nullable Instant closes) {
        if (opens != null && closes != null) {
            check.require(closes.isAfter(opens), "saleEndsAt", "must be after saleStartsAt");
        }
    }

    /** Doors open at most a day before the start. */
    static final int MAX_DOORS_OPEN_MINUTES = 24 * 60;

    private static TicketAccess checkAccess(InputCheck check, @Nullable TicketAccess access) {
        if (check.present("access", access) == null) {
            return new TicketAccess(true, 0, false, 0);
        }
        check.require(access.live() || access.onDemand(), "access", "must grant live access, on-demand access or both");
        check.require(
                access.replayHours() >= 0 && access.replayHours() <= MAX_HOURS,
                "access.replayHours",
                "must be from 0 to " + MAX_HOURS);
        check.require(
                access.rentalHours() >= 0 && access.rentalHours() <= MAX_HOURS,
                "access.rentalHours",
                "must be from 0 to " + MAX_HOURS);
        check.require(
                !access.onDemand() || access.rentalHours() > 0,
                "access.rentalHours",
                "must be at least 1 when the ticket grants on-demand access");
        check.require(
                access.doorsOpenMinutes() >= 0 && access.doorsOpenMinutes() <= MAX_DOORS_OPEN_MINUTES,
                "access.doorsOpenMinutes",
                "must be from 0 to " + MAX_DOORS_OPEN_MINUTES + " (a day)");
        return access;
    }
}
