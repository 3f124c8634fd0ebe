package io.stagedoor.app.events;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoCodeChanges;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.app.internal.Activity;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.app.shell.Workspace;
import io.stagedoor.client.ApiProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The selected event's details, cover, ticket types and promo codes, or a new event when none is selected. Each field
 * has a rule ({@code …Problem}) that the view shows inline as the organiser types; the server has the last word: a
 * refusal about a field shows at that field ({@link #refusals()}), any other in {@link #messageProperty()}.
 */
public final class EventEditorViewModel {

    /** The server's rule for an event's address. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]");

    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    static final String DEFAULT_COLOUR = "#5B3CC4";

    /** The server's limit for a cover upload. */
    static final long MAX_COVER_BYTES = 8L * 1024 * 1024;

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
    private final StringProperty slug = new SimpleStringProperty("");
    private final StringProperty brandColour = new SimpleStringProperty(DEFAULT_COLOUR);
    private final BooleanProperty autoStart = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper publicAddress = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<byte @Nullable []> cover = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper coverProblem = new ReadOnlyStringWrapper("");

    private final ReadOnlyBooleanWrapper existing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper publishable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ObservableList<TicketType> ticketTypes = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<TicketType> ticketTypesView = FXCollections.unmodifiableObservableList(ticketTypes);
    private final ObservableList<PromoCode> promoCodes = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<PromoCode> promoCodesView = FXCollections.unmodifiableObservableList(promoCodes);

    private final TicketTypeForm ticketForm;
    private final PromoCodeForm promoForm;
    private final ServerRefusals eventRefusals = new ServerRefusals();
    private final ServerRefusals ticketRefusals = new ServerRefusals();
    private final ServerRefusals promoRefusals = new ServerRefusals();

    /** @param changed called after the event or its ticket types changed, so that lists can refresh */
    public EventEditorViewModel(Workspace workspace, Runnable changed) {
        this.workspace = workspace;
        this.messages = workspace.messages();
        this.tasks = workspace.tasks();
        this.activity = new Activity(tasks);
        this.changed = changed;
        this.ticketForm = new TicketTypeForm(messages);
        this.promoForm = new PromoCodeForm(messages, ticketTypesView);
        watchRefusals();
        slug.addListener((obs, old, now) -> publicAddress.set(addressOf(now)));
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

    /** The event's address, the last part of its public page's URL; empty for a new event: made from its title. */
    public StringProperty slugProperty() {
        return slug;
    }

    /** {@code #RRGGBB}. */
    public StringProperty brandColourProperty() {
        return brandColour;
    }

    /**
     * Whether the show goes on air by itself at its start time; otherwise only "Start show" on the broadcast screen puts
     * it on air, and a stream before that is a rehearsal.
     */
    public BooleanProperty autoStartProperty() {
        return autoStart;
    }

    /** The public page the address leads to, as buyers will see it. */
    public ReadOnlyStringProperty publicAddressProperty() {
        return publicAddress.getReadOnlyProperty();
    }

    /** The saved cover image as the server keeps it (JPEG), null when there is none. */
    public ReadOnlyObjectProperty<byte @Nullable []> coverProperty() {
        return cover.getReadOnlyProperty();
    }

    /** Why the chosen cover file was not uploaded; empty when nothing is wrong. */
    public ReadOnlyStringProperty coverProblemProperty() {
        return coverProblem.getReadOnlyProperty();
    }

    public TicketTypeForm ticketForm() {
        return ticketForm;
    }

    public PromoCodeForm promoForm() {
        return promoForm;
    }

    /** The server's refusals of the event's fields, by the API's field names. */
    public ServerRefusals refusals() {
        return eventRefusals;
    }

    public ServerRefusals ticketRefusals() {
        return ticketRefusals;
    }

    public ServerRefusals promoRefusals() {
        return promoRefusals;
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

    /** The event's time zone for sale windows and promo periods; UTC while the field cannot be read. */
    public ZoneId zone() {
        var zone = parseZone(timeZone.get());
        return zone == null ? ZoneOffset.UTC : zone;
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
        return LocalMoment.parseTime(value) == null ? problem("editor.rule.time") : Optional.empty();
    }

    public Optional<String> timeZoneProblem(@Nullable String value) {
        return parseZone(value) == null ? problem("editor.rule.timeZone") : Optional.empty();
    }

    public Optional<String> durationProblem(@Nullable String value) {
        var minutes = TicketTypeForm.wholeNumber(value);
        return minutes == null || minutes < 1 || minutes > 24 * 60 ? problem("editor.rule.duration") : Optional.empty();
    }

    /** Empty is fine for a new event (the server makes one from the title); otherwise the server's form. */
    public Optional<String> slugProblem(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return existing.get() ? problem("editor.rule.slug") : Optional.empty();
        }
        return SLUG.matcher(value.strip()).matches() ? Optional.empty() : problem("editor.rule.slug");
    }

    public Optional<String> colourProblem(@Nullable String value) {
        return value != null && COLOUR.matcher(value.strip()).matches()
                ? Optional.empty()
                : problem("editor.rule.colour");
    }

    // Commands.

    /** Creates the event, or saves the changes to the selected one. */
    public void save() {
        if (firstProblem(
                titleProblem(title.get()),
                startDateProblem(startDate.get()),
                startTimeProblem(startTime.get()),
                timeZoneProblem(timeZone.get()),
                durationProblem(durationMinutes.get()),
                slugProblem(slug.get()),
                colourProblem(brandColour.get()))) {
            return;
        }
        var zone = ZoneId.of(timeZone.get().strip());
        var startsAt = Objects.requireNonNull(startDate.get())
                .atTime(Objects.requireNonNull(LocalMoment.parseTime(startTime.get())))
                .atZone(zone)
                .toInstant();
        var minutes = Objects.requireNonNull(TicketTypeForm.wholeNumber(durationMinutes.get()));
        var selected = workspace.events().selected();
        var titleText = title.get().strip();
        var text = description.get() == null ? "" : description.get().strip();
        var colour = brandColour.get().strip().toUpperCase(Locale.ROOT);
        var address =
                slug.get() == null || slug.get().isBlank() ? null : slug.get().strip();
        var byItself = autoStart.get();
        send(
                eventRefusals,
                () -> selected == null
                        ? workspace
                                .client()
                                .events()
                                .create(new EventDraft(
                                        titleText, text, startsAt, zone.getId(), minutes, colour, address, byItself))
                        : workspace
                                .client()
                                .events()
                                .update(
                                        selected.id(),
                                        new EventChanges(
                                                titleText,
                                                text,
                                                startsAt,
                                                zone.getId(),
                                                minutes,
                                                colour,
                                                address,
                                                byItself)),
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

    /**
     * Uploads {@code file} as the event's cover after checking, in the background, that it is a PNG or JPEG of at most
     * {@link #MAX_COVER_BYTES}; a file that is not says why in {@link #coverProblemProperty()}.
     */
    public void uploadCover(Path file) {
        var event = workspace.events().selected();
        if (event == null) {
            return;
        }
        coverProblem.set("");
        run(
                () -> {
                    var refusal = coverFileProblem(file);
                    if (refusal.isPresent()) {
                        return new CoverUpload(null, null, refusal.get());
                    }
                    var image = read(file);
                    var type = image[0] == (byte) 0x89 ? "image/png" : "image/jpeg";
                    var updated = workspace.client().events().uploadCover(event.id(), image, type);
                    return new CoverUpload(updated, workspace.client().events().cover(event.id()), null);
                },
                (CoverUpload upload) -> {
                    if (upload.problem() != null) {
                        coverProblem.set(upload.problem());
                        return;
                    }
                    cover.set(upload.image());
                    workspace.events().select(upload.event());
                    activity.say(messages.format("editor.coverSaved", file.getFileName()));
                });
    }

    /** Starts a new ticket type in the form, leaving the one being edited as it was. */
    public void newTicketType() {
        ticketForm.clear();
        ticketRefusals.clear();
    }

    /** Puts {@code type}'s values into the form, to change them. */
    public void editTicketType(TicketType type) {
        ticketRefusals.clear();
        ticketForm.edit(type, zone());
    }

    /** Adds the form's ticket type, or saves the changes to the one being edited. */
    public void saveTicketType() {
        var event = workspace.events().selected();
        var zone = zone();
        if (event == null || firstProblem(ticketForm.firstProblem(zone))) {
            return;
        }
        var editing = ticketForm.editingProperty().get();
        Supplier<TicketType> work;
        String done;
        if (editing == null) {
            var draft = ticketForm.draft(zone);
            work = () -> workspace.client().ticketTypes().create(event.id(), draft);
            done = "editor.ticketTypeAdded";
        } else {
            var changes = ticketForm.changes(zone);
            work = () -> workspace.client().ticketTypes().update(event.id(), editing.id(), changes);
            done = "editor.ticketTypeSaved";
        }
        send(ticketRefusals, work, (TicketType saved) -> {
            ticketForm.clear();
            activity.say(messages.format(done, saved.name()));
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
                    if (deleted.equals(ticketForm.editingProperty().get())) {
                        ticketForm.clear();
                    }
                    activity.say(messages.format("editor.ticketTypeDeleted", deleted.name()));
                    loadDetails(deleted.eventId());
                    changed.run();
                });
    }

    public void newPromoCode() {
        promoForm.clear();
        promoRefusals.clear();
    }

    /** Puts {@code code}'s limits into the form, to change them. */
    public void editPromoCode(PromoCode code) {
        promoRefusals.clear();
        promoForm.edit(code, zone());
    }

    /** Adds the form's promo code, or saves the new limits of the one being edited. */
    public void savePromoCode() {
        var event = workspace.events().selected();
        var zone = zone();
        if (event == null || firstProblem(promoForm.firstProblem(zone))) {
            return;
        }
        var editing = promoForm.editingProperty().get();
        Supplier<PromoCode> work;
        String done;
        if (editing == null) {
            var draft = promoForm.draft(zone);
            work = () -> workspace.client().promoCodes().create(event.id(), draft);
            done = "editor.promoCodeAdded";
        } else {
            var changes = promoForm.changes(zone);
            work = () -> workspace.client().promoCodes().update(event.id(), editing.id(), changes);
            done = "editor.promoCodeSaved";
        }
        send(promoRefusals, work, (PromoCode saved) -> {
            promoForm.clear();
            activity.say(messages.format(done, saved.code()));
            loadDetails(event.id());
        });
    }

    /** Switches a code off, or on again: the way back from switching it off. */
    public void setPromoCodeActive(PromoCode code, boolean active) {
        run(
                () -> workspace
                        .client()
                        .promoCodes()
                        .update(code.eventId(), code.id(), new PromoCodeChanges(null, null, null, active, null)),
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
        ticketForm.clear();
        promoForm.clear();
        cover.set(null);
        coverProblem.set("");
        existing.set(event != null);
        if (event == null) {
            title.set("");
            description.set("");
            startDate.set(LocalDate.now().plusWeeks(2));
            startTime.set("20:00");
            timeZone.set(ZoneId.systemDefault().getId());
            durationMinutes.set("90");
            slug.set("");
            brandColour.set(DEFAULT_COLOUR);
            autoStart.set(false);
        } else {
            var start = event.startsAt().atZone(ZoneId.of(event.timeZone()));
            title.set(event.title());
            description.set(event.description());
            startDate.set(start.toLocalDate());
            startTime.set(LocalMoment.TIME.format(start.toLocalTime()));
            timeZone.set(event.timeZone());
            durationMinutes.set(Integer.toString(event.durationMinutes()));
            slug.set(event.slug());
            brandColour.set(event.brandColour());
            autoStart.set(event.autoStart());
            loadDetails(event.id());
        }
        publicAddress.set(addressOf(slug.get()));
        eventRefusals.clear();
        ticketRefusals.clear();
        promoRefusals.clear();
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
                () -> {
                    var events = workspace.client().events();
                    var withCover = events.get(eventId).hasCover();
                    return new Details(
                            workspace.client().ticketTypes().list(eventId),
                            workspace.client().promoCodes().list(eventId),
                            withCover ? events.cover(eventId) : null);
                },
                details -> {
                    var selected = workspace.events().selected();
                    if (selected != null && selected.id().equals(eventId)) {
                        replaceIfChanged(ticketTypes, details.types());
                        replaceIfChanged(promoCodes, details.codes());
                        if (!Arrays.equals(cover.get(), details.cover())) {
                            cover.set(details.cover());
                        }
                    }
                },
                activity::say);
    }

    private String addressOf(@Nullable String address) {
        if (address == null || address.isBlank()) {
            return messages.get("editor.addressFromTitle");
        }
        return workspace.client().baseUri().resolve("e/" + address.strip()).toString();
    }

    /** The server's refusals stand until the field they are about changes. */
    private void watchRefusals() {
        eventRefusals.clearOnChange("title", title);
        eventRefusals.clearOnChange("description", description);
        eventRefusals.clearOnChange("startsAt", startDate);
        eventRefusals.clearOnChange("startsAt", startTime);
        eventRefusals.clearOnChange("timeZone", timeZone);
        eventRefusals.clearOnChange("durationMinutes", durationMinutes);
        eventRefusals.clearOnChange("slug", slug);
        eventRefusals.clearOnChange("brandColour", brandColour);
        eventRefusals.clearOnChange("autoStart", autoStart);
        ticketRefusals.clearOnChange("name", ticketForm.nameProperty());
        ticketRefusals.clearOnChange("priceMinor", ticketForm.priceProperty());
        ticketRefusals.clearOnChange("currency", ticketForm.currencyProperty());
        ticketRefusals.clearOnChange("quota", ticketForm.quotaProperty());
        for (var moment : List.of(ticketForm.saleStarts(), ticketForm.saleEnds())) {
            ticketRefusals.clearOnChange("saleStartsAt", moment.dateProperty());
            ticketRefusals.clearOnChange("saleStartsAt", moment.timeProperty());
            ticketRefusals.clearOnChange("saleEndsAt", moment.dateProperty());
            ticketRefusals.clearOnChange("saleEndsAt", moment.timeProperty());
        }
        ticketRefusals.clearOnChange("access.replayHours", ticketForm.replayHoursProperty());
        ticketRefusals.clearOnChange("access.rentalHours", ticketForm.rentalHoursProperty());
        ticketRefusals.clearOnChange("access.doorsOpenMinutes", ticketForm.doorsOpenMinutesProperty());
        promoRefusals.clearOnChange("code", promoForm.codeProperty());
        promoRefusals.clearOnChange("percentOff", promoForm.percentProperty());
        promoRefusals.clearOnChange("amountOffMinor", promoForm.amountProperty());
        promoRefusals.clearOnChange("maxRedemptions", promoForm.maxRedemptionsProperty());
        for (var moment : List.of(promoForm.validFrom(), promoForm.validUntil())) {
            promoRefusals.clearOnChange("validFrom", moment.dateProperty());
            promoRefusals.clearOnChange("validFrom", moment.timeProperty());
            promoRefusals.clearOnChange("validUntil", moment.dateProperty());
            promoRefusals.clearOnChange("validUntil", moment.timeProperty());
        }
    }

    private <T> void run(Supplier<T> work, Consumer<T> done) {
        activity.run(work, done);
    }

    /**
     * Runs a request whose refusal may be about the form's fields: those are shown at the fields (and the first is
     * said), anything else is said as usual.
     */
    private <T> void send(ServerRefusals refusals, Supplier<T> work, Consumer<T> done) {
        refusals.clear();
        activity.run(
                () -> {
                    try {
                        return new Sent<T>(work.get(), null);
                    } catch (ApiProblemException e) {
                        if (e.status() == 400 || e.status() == 409 || e.status() == 422) {
                            return new Sent<T>(null, e);
                        }
                        throw e;
                    }
                },
                sent -> {
                    var refusal = sent.refusal();
                    if (refusal == null) {
                        done.accept(Objects.requireNonNull(sent.result()));
                    } else {
                        refusals.take(refusal);
                        activity.say(messages.of(refusal));
                    }
                });
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

    /** What is wrong with a cover file before it is sent: missing, too large, or not a PNG or JPEG. */
    Optional<String> coverFileProblem(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.of(messages.format("editor.rule.coverMissing", file.getFileName()));
            }
            var size = Files.size(file);
            if (size > MAX_COVER_BYTES) {
                return Optional.of(messages.format(
                        "editor.rule.coverTooLarge", file.getFileName(), size / (1024 * 1024), MAX_COVER_BYTES >> 20));
            }
            byte[] start;
            try (var in = Files.newInputStream(file)) {
                start = in.readNBytes(4);
            }
            boolean png = start.length == 4
                    && start[0] == (byte) 0x89
                    && start[1] == 'P'
                    && start[2] == 'N'
                    && start[3] == 'G';
            boolean jpeg =
                    start.length >= 3 && start[0] == (byte) 0xFF && start[1] == (byte) 0xD8 && start[2] == (byte) 0xFF;
            return png || jpeg
                    ? Optional.empty()
                    : Optional.of(messages.format("editor.rule.coverType", file.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable ZoneId parseZone(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private record Details(List<TicketType> types, List<PromoCode> codes, byte @Nullable [] cover) {}

    private record CoverUpload(
            @Nullable Event event,
            byte @Nullable [] image,
            @Nullable String problem) {}

    private record Sent<T>(@Nullable T result, @Nullable ApiProblemException refusal) {}
}
