package io.stagedoor.app.events;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.PromoCodeDraft;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.app.internal.Activity;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Money;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.app.shell.Workspace;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The selected event's details, ticket types and promo codes, or a new event when none is selected. Each field has
 * a rule ({@code …Problem}) that the view shows inline as the organiser types; the server has the last word and its
 * answer appears in {@link #messageProperty()}.
 */
public final class EventEditorViewModel {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");
    private static final Pattern PROMO_CODE = Pattern.compile("[A-Za-z0-9_-]{3,40}");

    private final Workspace workspace;
    private final Messages messages;
    private final UiTasks tasks;
    private final Activity activity;
    private final Runnable changed;

    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<@Nullable LocalDate> startDate = new SimpleObjectProperty<>();
    private final StringProperty startTime = new SimpleStringProperty("20:00");
    private final StringProperty timeZone = new SimpleStringProperty("");
    private final StringProperty durationMinutes = new SimpleStringProperty("90");

    private final StringProperty ticketName = new SimpleStringProperty("");
    private final StringProperty ticketPrice = new SimpleStringProperty("");
    private final StringProperty ticketCurrency = new SimpleStringProperty("EUR");
    private final StringProperty ticketQuota = new SimpleStringProperty("100");
    private final StringProperty promoCode = new SimpleStringProperty("");
    private final StringProperty promoPercent = new SimpleStringProperty("");

    private final ReadOnlyBooleanWrapper existing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper publishable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ObservableList<TicketType> ticketTypes = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<TicketType> ticketTypesView = FXCollections.unmodifiableObservableList(ticketTypes);
    private final ObservableList<PromoCode> promoCodes = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<PromoCode> promoCodesView = FXCollections.unmodifiableObservableList(promoCodes);

    /** @param changed called after the event or its ticket types changed, so that lists can refresh */
    public EventEditorViewModel(Workspace workspace, Runnable changed) {
        this.workspace = workspace;
        this.messages = workspace.messages();
        this.tasks = workspace.tasks();
        this.activity = new Activity(tasks);
        this.changed = changed;
        workspace.selectedEvent().addListener((obs, old, event) -> {
            if (old == null || event == null || !old.id().equals(event.id())) {
                edit(event);
            } else {
                showStatus(event);
            }
        });
        edit(workspace.events().selected());
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObjectProperty<@Nullable LocalDate> startDateProperty() {
        return startDate;
    }

    /** The start's time of day in the event's time zone, {@code 20:00}. */
    public StringProperty startTimeProperty() {
        return startTime;
    }

    public StringProperty timeZoneProperty() {
        return timeZone;
    }

    public StringProperty durationMinutesProperty() {
        return durationMinutes;
    }

    public StringProperty ticketNameProperty() {
        return ticketName;
    }

    /** In major units, as typed: {@code 15} or {@code 15.50}. */
    public StringProperty ticketPriceProperty() {
        return ticketPrice;
    }

    public StringProperty ticketCurrencyProperty() {
        return ticketCurrency;
    }

    public StringProperty ticketQuotaProperty() {
        return ticketQuota;
    }

    public StringProperty promoCodeProperty() {
        return promoCode;
    }

    public StringProperty promoPercentProperty() {
        return promoPercent;
    }

    /** True when editing a saved event, false for a new one. */
    public ReadOnlyBooleanProperty existingProperty() {
        return existing.getReadOnlyProperty();
    }

    /** A saved draft that can go on sale. */
    public ReadOnlyBooleanProperty publishableProperty() {
        return publishable.getReadOnlyProperty();
    }

    /** "New event", or the event's status. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return activity.busyProperty();
    }

    /** The last outcome, good or bad, in one sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return activity.messageProperty();
    }

    public ObservableList<TicketType> ticketTypes() {
        return ticketTypesView;
    }

    public ObservableList<PromoCode> promoCodes() {
        return promoCodesView;
    }

    // Rules, shown inline while typing. Each returns what is wrong, or empty.

    public Optional<String> titleProblem(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return problem("editor.rule.titleRequired");
        }
        return value.strip().length() > 200 ? problem("editor.rule.titleTooLong") : Optional.empty();
    }

    public Optional<String> startDateProblem(@Nullable LocalDate value) {
        return value == null ? problem("editor.rule.dateRequired") : Optional.empty();
    }

    public Optional<String> startTimeProblem(@Nullable String value) {
        return parseTime(value) == null ? problem("editor.rule.time") : Optional.empty();
    }

    public Optional<String> timeZoneProblem(@Nullable String value) {
        return parseZone(value) == null ? problem("editor.rule.timeZone") : Optional.empty();
    }

    public Optional<String> durationProblem(@Nullable String value) {
        var minutes = parseInt(value);
        return minutes == null || minutes < 1 || minutes > 24 * 60 ? problem("editor.rule.duration") : Optional.empty();
    }

    public Optional<String> ticketNameProblem(@Nullable String value) {
        return value == null || value.isBlank() ? problem("editor.rule.ticketName") : Optional.empty();
    }

    public Optional<String> priceProblem(@Nullable String value) {
        return priceMinor(value) == null ? problem("editor.rule.price") : Optional.empty();
    }

    public Optional<String> currencyProblem(@Nullable String value) {
        return currency(value) == null ? problem("editor.rule.currency") : Optional.empty();
    }

    public Optional<String> quotaProblem(@Nullable String value) {
        var quota = parseInt(value);
        return quota == null || quota < 1 ? problem("editor.rule.quota") : Optional.empty();
    }

    public Optional<String> promoCodeProblem(@Nullable String value) {
        return value == null || !PROMO_CODE.matcher(value.strip()).matches()
                ? problem("editor.rule.promoCode")
                : Optional.empty();
    }

    public Optional<String> percentProblem(@Nullable String value) {
        var percent = parseInt(value);
        return percent == null || percent < 1 || percent > 100 ? problem("editor.rule.percent") : Optional.empty();
    }

    // Commands.

    /** Creates the event, or saves the changes to the selected one. */
    public void save() {
        if (firstProblem(
                titleProblem(title.get()),
                startDateProblem(startDate.get()),
                startTimeProblem(startTime.get()),
                timeZoneProblem(timeZone.get()),
                durationProblem(durationMinutes.get()))) {
            return;
        }
        var zone = ZoneId.of(timeZone.get().strip());
        var startsAt = Objects.requireNonNull(startDate.get())
                .atTime(Objects.requireNonNull(parseTime(startTime.get())))
                .atZone(zone)
                .toInstant();
        var minutes = Objects.requireNonNull(parseInt(durationMinutes.get()));
        var selected = workspace.events().selected();
        var titleText = title.get().strip();
        var text = description.get() == null ? "" : description.get().strip();
        run(
                () -> selected == null
                        ? workspace
                                .client()
                                .events()
                                .create(new EventDraft(titleText, text, startsAt, zone.getId(), minutes, null, null))
                        : workspace
                                .client()
                                .events()
                                .update(
                                        selected.id(),
                                        new EventChanges(titleText, text, startsAt, zone.getId(), minutes, null, null)),
                (Event event) -> {
                    workspace.events().select(event);
                    activity.say(messages.format("editor.saved", event.title()));
                    changed.run();
                });
    }

    /** Puts the selected draft on sale; its public page starts selling. */
    public void publish() {
        var selected = workspace.events().selected();
        if (selected == null) {
            return;
        }
        run(() -> workspace.client().events().publish(selected.id()), (Event event) -> {
            workspace.events().select(event);
            activity.say(messages.format("editor.published", event.title()));
            changed.run();
        });
    }

    public void addTicketType() {
        var event = workspace.events().selected();
        if (event == null
                || firstProblem(
                        ticketNameProblem(ticketName.get()),
                        currencyProblem(ticketCurrency.get()),
                        priceProblem(ticketPrice.get()),
                        quotaProblem(ticketQuota.get()))) {
            return;
        }
        var draft = new TicketTypeDraft(
                ticketName.get().strip(),
                priceMinor(ticketPrice.get()),
                ticketCurrency.get().strip().toUpperCase(Locale.ROOT),
                parseInt(ticketQuota.get()),
                null,
                null,
                new TicketAccess(true, 48, false, 0));
        run(() -> workspace.client().ticketTypes().create(event.id(), draft), (TicketType created) -> {
            ticketName.set("");
            ticketPrice.set("");
            activity.say(messages.format("editor.ticketTypeAdded", created.name()));
            loadDetails(event.id());
            changed.run();
        });
    }

    /** Removes a ticket type nobody bought yet; the server refuses once seats are sold. Ask first. */
    public void deleteTicketType(TicketType type) {
        run(
                () -> {
                    workspace.client().ticketTypes().delete(type.eventId(), type.id());
                    return type;
                },
                (TicketType deleted) -> {
                    activity.say(messages.format("editor.ticketTypeDeleted", deleted.name()));
                    loadDetails(deleted.eventId());
                    changed.run();
                });
    }

    /** A percentage off every ticket type of the event. */
    public void addPromoCode() {
        var event = workspace.events().selected();
        if (event == null || firstProblem(promoCodeProblem(promoCode.get()), percentProblem(promoPercent.get()))) {
            return;
        }
        var draft = new PromoCodeDraft(
                promoCode.get().strip(), PromoKind.PERCENT, parseInt(promoPercent.get()), null, null, null, null, null);
        run(() -> workspace.client().promoCodes().create(event.id(), draft), (PromoCode created) -> {
            promoCode.set("");
            promoPercent.set("");
            activity.say(messages.format("editor.promoCodeAdded", created.code()));
            loadDetails(event.id());
        });
    }

    /** Switches a code off, or on again: the way back from switching it off. */
    public void setPromoCodeActive(PromoCode code, boolean active) {
        run(
                () -> workspace
                        .client()
                        .promoCodes()
                        .update(code.eventId(), code.id(), new PromoCodeChanges(null, null, null, active)),
                (PromoCode updated) -> {
                    activity.say(
                            messages.format(active ? "editor.promoCodeOn" : "editor.promoCodeOff", updated.code()));
                    loadDetails(updated.eventId());
                });
    }

    public void reload() {
        var event = workspace.events().selected();
        if (event != null) {
            loadDetails(event.id());
        }
    }

    private void edit(@Nullable Event event) {
        activity.say("");
        ticketTypes.clear();
        promoCodes.clear();
        existing.set(event != null);
        if (event == null) {
            title.set("");
            description.set("");
            startDate.set(LocalDate.now().plusWeeks(2));
            startTime.set("20:00");
            timeZone.set(ZoneId.systemDefault().getId());
            durationMinutes.set("90");
        } else {
            var start = event.startsAt().atZone(ZoneId.of(event.timeZone()));
            title.set(event.title());
            description.set(event.description());
            startDate.set(start.toLocalDate());
            startTime.set(TIME.format(start.toLocalTime()));
            timeZone.set(event.timeZone());
            durationMinutes.set(Integer.toString(event.durationMinutes()));
            loadDetails(event.id());
        }
        showStatus(event);
    }

    private void showStatus(@Nullable Event event) {
        heading.set(
                event == null
                        ? messages.get("editor.newEvent")
                        : messages.format("editor.heading", event.title(), Formats.status(event, messages)));
        publishable.set(event != null && event.status() == EventStatus.DRAFT);
    }

    private void loadDetails(UUID eventId) {
        tasks.submit(
                () -> new Details(
                        workspace.client().ticketTypes().list(eventId),
                        workspace.client().promoCodes().list(eventId)),
                details -> {
                    var selected = workspace.events().selected();
                    if (selected != null && selected.id().equals(eventId)) {
                        replaceIfChanged(ticketTypes, details.types());
                        replaceIfChanged(promoCodes, details.codes());
                    }
                },
                activity::say);
    }

    private <T> void run(Supplier<T> work, Consumer<T> done) {
        activity.run(work, done);
    }

    /** A reload that brought nothing new leaves the table alone, so it is not laid out again. */
    private static <T> void replaceIfChanged(ObservableList<T> shown, List<T> loaded) {
        if (!shown.equals(loaded)) {
            shown.setAll(loaded);
        }
    }

    @SafeVarargs
    private boolean firstProblem(Optional<String>... problems) {
        for (var problem : problems) {
            if (problem.isPresent()) {
                activity.say(problem.get());
                return true;
            }
        }
        return false;
    }

    private Optional<String> problem(String key) {
        return Optional.of(messages.get(key));
    }

    private @Nullable Long priceMinor(@Nullable String value) {
        var unit = currency(ticketCurrency.get());
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

    private static @Nullable Currency currency(@Nullable String value) {
        if (value == null || !value.strip().matches("[A-Za-z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable LocalTime parseTime(@Nullable String value) {
        try {
            return value == null ? null : LocalTime.parse(value.strip(), TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable ZoneId parseZone(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static @Nullable Integer parseInt(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Details(List<TicketType> types, List<PromoCode> codes) {}
}
