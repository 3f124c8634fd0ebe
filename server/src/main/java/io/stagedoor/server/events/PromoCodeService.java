package io.stagedoor.server.events;

import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
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
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** Promo codes: a percentage or an amount off, limited in time, uses and ticket types; matched without case. */
public final class PromoCodeService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,40}");
    static final int MAX_REDEMPTIONS = 1_000_000;

    private final Jdbi jdbi;
    private final Clock clock;

    public PromoCodeService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public PromoCode create(Caller caller, UUID eventId, PromoCodeDraft draft) {
        var check = new InputCheck();
        var code = check.text("code", draft.code(), 40).toUpperCase(Locale.ROOT);
        if (!code.isEmpty() && !CODE.matcher(code).matches()) {
            check.fail("code", "must be 3 to 40 letters, digits, hyphens or underscores");
        }
        var kind = check.present("kind", draft.kind());
        Integer percent = null;
        if (kind == PromoKind.PERCENT) {
            percent = check.between("percentOff", draft.percentOff(), 1, 100);
            check.require(draft.amountOffMinor() == null, "amountOffMinor", "must not be given for a PERCENT code");
        } else if (kind == PromoKind.FIXED) {
            check.require(draft.percentOff() == null, "percentOff", "must not be given for a FIXED code");
            check.present("amountOffMinor", draft.amountOffMinor());
        }
        var maxRedemptions = draft.maxRedemptions() == null
                ? null
                : check.between("maxRedemptions", draft.maxRedemptions(), 1, MAX_REDEMPTIONS);
        checkValidity(check, draft.validFrom(), draft.validUntil());
        check.throwIfInvalid();

        var id = UUID.randomUUID();
        var percentOff = percent;
        try {
            return jdbi.inTransaction(handle -> {
                var event = Events.owned(handle, caller, eventId, true);
                TicketTypeService.requireOpen(event);
                var ticketTypes = TicketTypeService.rows(handle, eventId);
                var scope = new InputCheck();
                var limitedTo = draft.ticketTypeIds() == null ? List.<UUID>of() : List.copyOf(draft.ticketTypeIds());
                for (int i = 0; i < limitedTo.size(); i++) {
                    var wanted = limitedTo.get(i);
                    scope.require(
                            ticketTypes.stream().anyMatch(t -> t.id().equals(wanted)),
                            "ticketTypeIds[" + i + "]",
                            "is not a ticket type of this event");
                }
                Long amountOff = null;
                if (kind == PromoKind.FIXED) {
                    if (ticketTypes.isEmpty()) {
                        scope.fail("amountOffMinor", "needs the event's currency: add a ticket type first");
                    } else {
                        var currency =
                                Currency.getInstance(ticketTypes.getFirst().currency());
                        amountOff = scope.between(
                                "amountOffMinor", draft.amountOffMinor(), 1, Currencies.maxPriceMinor(currency));
                    }
                }
                scope.throwIfInvalid();
                handle.createUpdate("""
                                INSERT INTO promo_code (id, event_id, code, kind, percent_off, amount_off_minor,
                                    max_redemptions, valid_from, valid_until, created_at)
                                VALUES (:id, :event, :code, :kind, :percent, :amount, :max, :from, :until, :now)
                                """)
                        .bind("id", id)
                        .bind("event", eventId)
                        .bind("code", code)
                        .bind("kind", kind.name())
                        .bind("percent", percentOff)
                        .bind("amount", amountOff)
                        .bind("max", maxRedemptions)
                        .bind("from", Sql.time(draft.validFrom()))
                        .bind("until", Sql.time(draft.validUntil()))
                        .bind("now", Sql.time(clock.instant()))
                        .execute();
                for (var ticketTypeId : limitedTo.stream().distinct().toList()) {
                    handle.createUpdate(
                                    "INSERT INTO promo_code_ticket_type (promo_code_id, ticket_type_id) VALUES (:p, :t)")
                            .bind("p", id)
                            .bind("t", ticketTypeId)
                            .execute();
                }
                return row(handle, eventId, id).toApi();
            });
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new ConflictException(
                        "promo-code-taken", "Code exists", "This event already has the code \"" + code + "\".");
            }
            throw e;
        }
    }

    public List<PromoCode> list(Caller caller, UUID eventId) {
        return jdbi.withHandle(handle -> {
            Events.owned(handle, caller, eventId, false);
            return handle
                    .createQuery(
                            "SELECT " + PromoCodeRow.COLUMNS + " FROM promo_code WHERE event_id = :event ORDER BY code")
                    .bind("event", eventId)
                    .map((rs, ctx) -> PromoCodeRow.map(rs, limitedTo(handle, Sql.uuid(rs, "id"))))
                    .list()
                    .stream()
                    .map(PromoCodeRow::toApi)
                    .toList();
        });
    }

    public PromoCode update(Caller caller, UUID eventId, UUID promoCodeId, PromoCodeChanges changes) {
        var check = new InputCheck();
        var max = changes.maxRedemptions() == null
                ? null
                : check.between("maxRedemptions", changes.maxRedemptions(), 1, MAX_REDEMPTIONS);
        var cleared = check.cleared(
                changes.clear(),
                PromoCodeChanges.CLEARABLE,
                Map.of(
                        PromoCodeChanges.MAX_REDEMPTIONS, changes.maxRedemptions() != null,
                        PromoCodeChanges.VALID_FROM, changes.validFrom() != null,
                        PromoCodeChanges.VALID_UNTIL, changes.validUntil() != null));
        check.throwIfInvalid();
        return jdbi.inTransaction(handle -> {
            Events.owned(handle, caller, eventId, true);
            var current = row(handle, eventId, promoCodeId);
            var validity = new InputCheck();
            var from = cleared.contains(PromoCodeChanges.VALID_FROM)
                    ? null
                    : changes.validFrom() != null ? changes.validFrom() : current.validFrom();
            var until = cleared.contains(PromoCodeChanges.VALID_UNTIL)
                    ? null
                    : changes.validUntil() != null ? changes.validUntil() : current.validUntil();
            checkValidity(validity, from, until);
            if (max != null) {
                validity.require(
                        max >= current.redemptions(),
                        "maxRedemptions",
                        "cannot be below the " + current.redemptions() + " uses already made");
            }
            validity.throwIfInvalid();
            handle.createUpdate("""
                            UPDATE promo_code SET max_redemptions = :max, valid_from = :from, valid_until = :until,
                                active = :active
                            WHERE id = :id
                            """)
                    .bind(
                            "max",
                            cleared.contains(PromoCodeChanges.MAX_REDEMPTIONS)
                                    ? null
                                    : max != null ? max : current.maxRedemptions())
                    .bind("from", Sql.time(from))
                    .bind("until", Sql.time(until))
                    .bind("active", changes.active() != null ? changes.active() : current.active())
                    .bind("id", promoCodeId)
                    .execute();
            return row(handle, eventId, promoCodeId).toApi();
        });
    }

    /** The event's code matching what a buyer typed, in any case. */
    public static Optional<PromoCodeRow> find(Handle handle, UUID eventId, String typed) {
        return handle.createQuery(
                        "SELECT " + PromoCodeRow.COLUMNS + " FROM promo_code WHERE event_id = :event AND code = :code")
                .bind("event", eventId)
                .bind("code", typed.strip().toUpperCase(Locale.ROOT))
                .map((rs, ctx) -> PromoCodeRow.map(rs, limitedTo(handle, Sql.uuid(rs, "id"))))
                .findOne();
    }

    static PromoCodeRow row(Handle handle, UUID eventId, UUID promoCodeId) {
        return handle.createQuery(
                        "SELECT " + PromoCodeRow.COLUMNS + " FROM promo_code WHERE id = :id AND event_id = :event")
                .bind("id", promoCodeId)
                .bind("event", eventId)
                .map((rs, ctx) -> PromoCodeRow.map(rs, limitedTo(handle, promoCodeId)))
                .findOne()
                .orElseThrow(() -> new NotFoundException("There is no promo code " + promoCodeId + " in this event."));
    }

    private static List<UUID> limitedTo(Handle handle, UUID promoCodeId) {
        return handle.createQuery(
                        "SELECT ticket_type_id FROM promo_code_ticket_type WHERE promo_code_id = :id ORDER BY ticket_type_id")
                .bind("id", promoCodeId)
                .mapTo(UUID.class)
                .list();
    }

    private static void checkValidity(InputCheck check, @Nullable Instant from, @Nullable Instant until) {
        if (from != null && until != null) {
            check.require(until.isAfter(from), "validUntil", "must be after validFrom");
        }
    }
}
