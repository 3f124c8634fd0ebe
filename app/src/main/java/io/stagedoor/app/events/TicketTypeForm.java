package io.stagedoor.app.events;

import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeChanges;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Money;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The ticket type being added or edited: name, price, quota, sale window and what it lets its holder watch. Each field
 * has a rule ({@code …Problem}) the view shows inline; a form without problems becomes a draft or a set of changes.
 */
public final class TicketTypeForm {

    /** The longest replay or rental the server accepts: a year. */
    static final int MAX_HOURS = 24 * 366;

    static final int MAX_DOORS_OPEN_MINUTES = 24 * 60;

    private final Messages messages;
    private final ReadOnlyObjectWrapper<@Nullable TicketType> editing = new ReadOnlyObjectWrapper<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty price = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("EUR");
    private final StringProperty quota = new SimpleStringProperty("100");
    private final LocalMoment saleStarts = new LocalMoment();
    private final LocalMoment saleEnds = new LocalMoment();
    private final BooleanProperty live = new SimpleBooleanProperty(true);
    private final StringProperty replayHours = new SimpleStringProperty("48");
    private final BooleanProperty onDemand = new SimpleBooleanProperty(false);
    private final StringProperty rentalHours = new SimpleStringProperty("48");
    private final StringProperty doorsOpenMinutes =
            new SimpleStringProperty(Integer.toString(TicketAccess.DEFAULT_DOORS_OPEN_MINUTES));

    TicketTypeForm(Messages messages) {
        this.messages = messages;
    }

    /** The ticket type whose changes the form holds; null while it holds a new one. */
    public ReadOnlyObjectProperty<@Nullable TicketType> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** In major units, as typed: {@code 15} or {@code 15.50}. */
    public StringProperty priceProperty() {
        return price;
    }

    /** Fixed once the ticket type exists: all of an event's ticket types share one currency. */
    public StringProperty currencyProperty() {
        return currency;
    }

    public StringProperty quotaProperty() {
        return quota;
    }

    /** When sales open, in the event's time zone; no day: at once. */
    public LocalMoment saleStarts() {
        return saleStarts;
    }

    /** When sales close, in the event's time zone; no day: when the event ends. */
    public LocalMoment saleEnds() {
        return saleEnds;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    public StringProperty replayHoursProperty() {
        return replayHours;
    }

    public BooleanProperty onDemandProperty() {
        return onDemand;
    }

    public StringProperty rentalHoursProperty() {
        return rentalHours;
    }

    public StringProperty doorsOpenMinutesProperty() {
        return doorsOpenMinutes;
    }

    // Rules, shown inline while typing. Each returns what is wrong, or empty.

    public Optional<String> nameProblem(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return problem("editor.rule.ticketName");
        }
        return value.strip().length() > 120 ? problem("editor.rule.ticketNameTooLong") : Optional.empty();
    }

    public Optional<String> priceProblem(@Nullable String value) {
        return priceMinor(value, currency.get()) == null ? problem("editor.rule.price") : Optional.empty();
    }

    public Optional<String> currencyProblem(@Nullable String value) {
        return currencyOf(value) == null ? problem("editor.rule.currency") : Optional.empty();
    }

    public Optional<String> quotaProblem(@Nullable String value) {
        var number = wholeNumber(value);
        return number == null || number < 1 ? problem("editor.rule.quota") : Optional.empty();
    }

    public Optional<String> saleStartsProblem(ZoneId zone) {
        return saleStarts.problem(messages);
    }

    /** The sale window's end: a readable time, after its start. */
    public Optional<String> saleEndsProblem(ZoneId zone) {
        return saleEnds.problemAfter(saleStarts, zone, messages, "editor.rule.saleEndsBeforeStart");
    }

    /** At least one way of watching. */
    public Optional<String> accessProblem() {
        return live.get() || onDemand.get() ? Optional.empty() : problem("editor.rule.access");
    }

    public Optional<String> replayHoursProblem(@Nullable String value) {
        var hours = wholeNumber(value);
        return hours == null || hours < 0 || hours > MAX_HOURS
                ? Optional.of(messages.format("editor.rule.replayHours", MAX_HOURS))
                : Optional.empty();
    }

    /** Only checked when the ticket grants on-demand access: then at least an hour. */
    public Optional<String> rentalHoursProblem(@Nullable String value) {
        if (!onDemand.get()) {
            return Optional.empty();
        }
        var hours = wholeNumber(value);
        return hours == null || hours < 1 || hours > MAX_HOURS
                ? Optional.of(messages.format("editor.rule.rentalHours", MAX_HOURS))
                : Optional.empty();
    }

    public Optional<String> doorsProblem(@Nullable String value) {
        var minutes = wholeNumber(value);
        return minutes == null || minutes < 0 || minutes > MAX_DOORS_OPEN_MINUTES
                ? problem("editor.rule.doors")
                : Optional.empty();
    }

    /** The first problem of the whole form, in the order the fields are shown. */
    Optional<String> firstProblem(ZoneId zone) {
        return Stream.of(
                        nameProblem(name.get()),
                        currencyProblem(currency.get()),
                        priceProblem(price.get()),
                        quotaProblem(quota.get()),
                        saleStartsProblem(zone),
                        saleEndsProblem(zone),
                        accessProblem(),
                        replayHoursProblem(replayHours.get()),
                        rentalHoursProblem(rentalHours.get()),
                        doorsProblem(doorsOpenMinutes.get()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The form as a new ticket type; only when {@link #firstProblem} found nothing. */
    TicketTypeDraft draft(ZoneId zone) {
        return new TicketTypeDraft(
                name.get().strip(),
                priceMinor(price.get(), currency.get()),
                currencyCode(),
                wholeNumber(quota.get()),
                saleStarts.in(zone),
                saleEnds.in(zone),
                access());
    }

    /**
     * The form as changes to the ticket type being edited; only when {@link #firstProblem} found nothing. An emptied
     * sale start or end is cleared on the server, so the ticket goes on sale at once or until the event ends.
     */
    TicketTypeChanges changes(ZoneId zone) {
        var opens = saleStarts.in(zone);
        var closes = saleEnds.in(zone);
        var clear = new ArrayList<String>();
        if (opens == null) {
            clear.add(TicketTypeChanges.SALE_STARTS_AT);
        }
        if (closes == null) {
            clear.add(TicketTypeChanges.SALE_ENDS_AT);
        }
        return new TicketTypeChanges(
                name.get().strip(),
                priceMinor(price.get(), currency.get()),
                wholeNumber(quota.get()),
                opens,
                closes,
                access(),
                List.copyOf(clear));
    }

    /** Fills the form with {@code type}'s values, to change them. */
    void edit(TicketType type, ZoneId zone) {
        editing.set(type);
        name.set(type.name());
        currency.set(type.currency());
        price.set(major(type.priceMinor(), type.currency()));
        quota.set(Integer.toString(type.quota()));
        saleStarts.show(type.saleStartsAt(), zone);
        saleEnds.show(type.saleEndsAt(), zone);
        var access = type.access();
        live.set(access.live());
        replayHours.set(Integer.toString(access.replayHours()));
        onDemand.set(access.onDemand());
        rentalHours.set(Integer.toString(access.onDemand() ? access.rentalHours() : 48));
        doorsOpenMinutes.set(Integer.toString(access.doorsOpenMinutes()));
    }

    /** Empties the form for a new ticket type; the currency stays, as the event's ticket types share it. */
    void clear() {
        editing.set(null);
        name.set("");
        price.set("");
        quota.set("100");
        saleStarts.clear();
        saleEnds.clear();
        live.set(true);
        replayHours.set("48");
        onDemand.set(false);
        rentalHours.set("48");
        doorsOpenMinutes.set(Integer.toString(TicketAccess.DEFAULT_DOORS_OPEN_MINUTES));
    }

    private TicketAccess access() {
        return new TicketAccess(
                live.get(),
                Objects.requireNonNull(wholeNumber(replayHours.get())),
                onDemand.get(),
                onDemand.get() ? Objects.requireNonNull(wholeNumber(rentalHours.get())) : 0,
                wholeNumber(doorsOpenMinutes.get()));
    }

    String currencyCode() {
        return currency.get().strip().toUpperCase(Locale.ROOT);
    }

    private Optional<String> problem(String key) {
        return Optional.of(messages.get(key));
    }

    /** {@code "12.50", "EUR"} → 1250; null when it is no amount in that currency. */
    static @Nullable Long priceMinor(@Nullable String value, @Nullable String currencyText) {
        var unit = currencyOf(currencyText);
        if (value == null || value.isBlank() || unit == null) {
            return null;
        }
        try {
            return Money.parseMinor(value, unit.getCurrencyCode());
        } catch (IllegalArgumentException | ArithmeticException e) {
            // NumberFormatException included: not an amount at all
            return null;
        }
    }

    /** 1250, "EUR" → {@code 12.50}: an amount as it is typed, without a currency sign or grouping. */
    static String major(long minor, String currencyCode) {
        int digits = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    static @Nullable Currency currencyOf(@Nullable String value) {
        if (value == null || !value.strip().matches("[A-Za-z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static @Nullable Integer wholeNumber(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
