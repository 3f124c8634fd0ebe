package io.stagedoor.app.events;

import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Money;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.jspecify.annotations.Nullable;

/**
 * The promo code being added or edited: a percentage or a fixed amount off (in the event's currency), limited to some
 * ticket types, a number of uses and a period. Once a code exists only its limits change (the server's rule): its
 * text, discount and ticket types stay.
 */
public final class PromoCodeForm {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,40}");

    private final Messages messages;
    private final List<TicketType> ticketTypes;
    private final ReadOnlyObjectWrapper<@Nullable PromoCode> editing = new ReadOnlyObjectWrapper<>();
    private final StringProperty code = new SimpleStringProperty("");
    private final ObjectProperty<PromoKind> kind = new SimpleObjectProperty<>(PromoKind.PERCENT);
    private final StringProperty percent = new SimpleStringProperty("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty maxRedemptions = new SimpleStringProperty("");
    private final LocalMoment validFrom = new LocalMoment();
    private final LocalMoment validUntil = new LocalMoment();
    private final ObservableSet<UUID> limitedTo = FXCollections.observableSet();

    /** @param ticketTypes the event's ticket types as shown, for the currency and the prices a fixed amount meets */
    PromoCodeForm(Messages messages, List<TicketType> ticketTypes) {
        this.messages = messages;
        this.ticketTypes = ticketTypes;
    }

    /** The code whose limits the form holds; null while it holds a new one. */
    public ReadOnlyObjectProperty<@Nullable PromoCode> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public StringProperty codeProperty() {
        return code;
    }

    public ObjectProperty<PromoKind> kindProperty() {
        return kind;
    }

    /** For {@link PromoKind#PERCENT}: whole percent. */
    public StringProperty percentProperty() {
        return percent;
    }

    /** For {@link PromoKind#FIXED}: in major units of the event's currency, as typed. */
    public StringProperty amountProperty() {
        return amount;
    }

    /** How many orders may use it; empty for no limit. */
    public StringProperty maxRedemptionsProperty() {
        return maxRedemptions;
    }

    public LocalMoment validFrom() {
        return validFrom;
    }

    public LocalMoment validUntil() {
        return validUntil;
    }

    /** The ticket types it applies to; all of them when empty. */
    public ObservableSet<UUID> limitedTo() {
        return limitedTo;
    }

    /** The event's currency: that of its ticket types; null before it has any. */
    public @Nullable String currency() {
        return ticketTypes.isEmpty() ? null : ticketTypes.getFirst().currency();
    }

    // Rules, shown inline while typing. Each returns what is wrong, or empty.

    public Optional<String> codeProblem(@Nullable String value) {
        return value == null || !CODE.matcher(value.strip()).matches()
                ? problem("editor.rule.promoCode")
                : Optional.empty();
    }

    public Optional<String> percentProblem(@Nullable String value) {
        if (kind.get() != PromoKind.PERCENT) {
            return Optional.empty();
        }
        var number = TicketTypeForm.wholeNumber(value);
        return number == null || number < 1 || number > 100 ? problem("editor.rule.percent") : Optional.empty();
    }

    /**
     * For a fixed amount: more than nothing, and at most the lowest price among the ticket types it applies to, since
     * more would give that ticket away and then some.
     */
    public Optional<String> amountProblem(@Nullable String value) {
        if (kind.get() != PromoKind.FIXED) {
            return Optional.empty();
        }
        var currency = currency();
        if (currency == null) {
            return problem("editor.rule.amountNeedsTicketType");
        }
        var minor = TicketTypeForm.priceMinor(value, currency);
        if (minor == null || minor < 1) {
            return Optional.of(messages.format("editor.rule.amount", currency));
        }
        var cheapest = appliesTo().stream().min(Comparator.comparingLong(TicketType::priceMinor));
        if (cheapest.isPresent() && minor > cheapest.get().priceMinor()) {
            var type = cheapest.get();
            return Optional.of(messages.format(
                    "editor.rule.amountAbovePrice",
                    type.name(),
                    Money.format(type.priceMinor(), type.currency(), messages.locale())));
        }
        return Optional.empty();
    }

    public Optional<String> maxRedemptionsProblem(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        var number = TicketTypeForm.wholeNumber(value);
        return number == null || number < 1 ? problem("editor.rule.maxRedemptions") : Optional.empty();
    }

    public Optional<String> validFromProblem(ZoneId zone) {
        return validFrom.problem(messages);
    }

    public Optional<String> validUntilProblem(ZoneId zone) {
        return validUntil.problemAfter(validFrom, zone, messages, "editor.rule.validUntilBeforeFrom");
    }

    /** The first problem of the whole form, in the order the fields are shown. */
    Optional<String> firstProblem(ZoneId zone) {
        return Stream.of(
                        codeProblem(code.get()),
                        percentProblem(percent.get()),
                        amountProblem(amount.get()),
                        maxRedemptionsProblem(maxRedemptions.get()),
                        validFromProblem(zone),
                        validUntilProblem(zone))
                .flatMap(Optional::stream)
                .findFirst();
    }

    PromoCodeDraft draft(ZoneId zone) {
        var percentOff = kind.get() == PromoKind.PERCENT ? TicketTypeForm.wholeNumber(percent.get()) : null;
        var amountOff = kind.get() == PromoKind.FIXED ? TicketTypeForm.priceMinor(amount.get(), currency()) : null;
        return new PromoCodeDraft(
                code.get().strip(),
                kind.get(),
                percentOff,
                amountOff,
                List.copyOf(limitedTo),
                limit(),
                validFrom.in(zone),
                validUntil.in(zone));
    }

    /**
     * Only the limits: the server keeps a code's text, discount and ticket types. An emptied limit is cleared on the
     * server: any number of uses, valid from now on or until the event ends.
     */
    PromoCodeChanges changes(ZoneId zone) {
        var max = limit();
        var from = validFrom.in(zone);
        var until = validUntil.in(zone);
        var clear = new ArrayList<String>();
        if (max == null) {
            clear.add(PromoCodeChanges.MAX_REDEMPTIONS);
        }
        if (from == null) {
            clear.add(PromoCodeChanges.VALID_FROM);
        }
        if (until == null) {
            clear.add(PromoCodeChanges.VALID_UNTIL);
        }
        return new PromoCodeChanges(max, from, until, null, List.copyOf(clear));
    }

    void edit(PromoCode promo, ZoneId zone) {
        editing.set(promo);
        code.set(promo.code());
        kind.set(promo.kind());
        percent.set(promo.percentOff() == null ? "" : Integer.toString(promo.percentOff()));
        var currency = currency();
        amount.set(
                promo.amountOffMinor() == null || currency == null
                        ? ""
                        : TicketTypeForm.major(promo.amountOffMinor(), currency));
        maxRedemptions.set(promo.maxRedemptions() == null ? "" : Integer.toString(promo.maxRedemptions()));
        validFrom.show(promo.validFrom(), zone);
        validUntil.show(promo.validUntil(), zone);
        limitedTo.clear();
        limitedTo.addAll(promo.ticketTypeIds());
    }

    void clear() {
        editing.set(null);
        code.set("");
        kind.set(PromoKind.PERCENT);
        percent.set("");
        amount.set("");
        maxRedemptions.set("");
        validFrom.clear();
        validUntil.clear();
        limitedTo.clear();
    }

    private List<TicketType> appliesTo() {
        return limitedTo.isEmpty()
                ? ticketTypes
                : ticketTypes.stream().filter(t -> limitedTo.contains(t.id())).toList();
    }

    private @Nullable Integer limit() {
        return maxRedemptions.get() == null || maxRedemptions.get().isBlank()
                ? null
                : TicketTypeForm.wholeNumber(maxRedemptions.get());
    }

    private Optional<String> problem(String key) {
        return Optional.of(messages.get(key));
    }
}
