package io.stagedoor.app.broadcast;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.app.internal.Activity;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.UiTasks;
import io.stagedoor.client.HealthSubscription;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.client.StagedoorClientException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The show the broadcast screen sends to: which event, when it starts, and where it stands on the server — a
 * rehearsal while the event is on sale (ticket holders wait), on air, or ended — with the commands that move it
 * (asked for, and confirmed, through the screen's {@link BroadcastViewModel}). While the screen is on view it follows
 * the event's stream health, which carries the show's state, so a change made elsewhere (the API, another studio, the
 * start time of a show that starts by itself) shows within seconds; a command's answer shows at once. Of two reports
 * the later one on the server's clock wins, so a health update read before a command cannot undo what it did.
 * Properties change on the UI executor only.
 */
public final class ShowControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShowControl.class);

    private final @Nullable StagedoorClient client;
    private final ObservableValue<@Nullable Event> event;
    private final ObservableValue<OutputKind> output;
    private final Executor background;
    private final Executor ui;
    private final ResourceBundle texts;
    private final Activity activity;

    private final ReadOnlyBooleanWrapper aboutEvent = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<@Nullable EventStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper startable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper endable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper reopenable = new ReadOnlyBooleanWrapper();

    private final ChangeListener<@Nullable Event> eventListener = (obs, was, is) -> eventChanged(was, is);
    private final ChangeListener<OutputKind> outputListener = (obs, was, is) -> refresh();
    /** When the show first went on air, as last reported; null while it never has. */
    private @Nullable Instant onAirAt;
    /** Who ended the show, as last reported; null unless it has ended. */
    private @Nullable EndedBy endedBy;
    /** When, on the server's clock, the state shown was true; older reports are ignored. */
    private Instant asOf = Instant.MIN;

    private @Nullable Follow follow;
    private boolean shown;

    /**
     * @param event the event the screen sends to (the selected one, or the one a running broadcast went to)
     * @param output whether the screen sends to the event's ingest; for a custom RTMP URL there is no show to control
     */
    public ShowControl(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> event,
            ObservableValue<OutputKind> output,
            Executor background,
            Executor ui,
            ResourceBundle texts) {
        this.client = client;
        this.event = event;
        this.output = output;
        this.background = background;
        this.ui = ui;
        this.texts = texts;
        // Refusals become sentences as everywhere in the studio, in its own words.
        this.activity = new Activity(new UiTasks(background, ui, Messages.load()));
        event.addListener(eventListener);
        output.addListener(outputListener);
        eventChanged(null, event.getValue());
    }

    // ---- properties ----

    /** Whether the screen sends to an event's ingest, so that there is a show to tell about and control. */
    public ReadOnlyBooleanProperty aboutEventProperty() {
        return aboutEvent.getReadOnlyProperty();
    }

    /**
     * Where the broadcast goes, for people: the event's title and start ({@code Launch Night · 21 Nov 2026, 20:00
     * Europe/Vienna}), or that it goes to a custom RTMP URL.
     */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** The event's status as the server last said it; null without an event. */
    public ReadOnlyObjectProperty<@Nullable EventStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "Rehearsal — ticket holders are waiting", "On air — …", "Ended by you — …"; empty without an event. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** The show can be started: the event is on sale. */
    public ReadOnlyBooleanProperty startableProperty() {
        return startable.getReadOnlyProperty();
    }

    /** The show can be ended: the event is on sale or on air. */
    public ReadOnlyBooleanProperty endableProperty() {
        return endable.getReadOnlyProperty();
    }

    /** The show can be reopened: it has ended. */
    public ReadOnlyBooleanProperty reopenableProperty() {
        return reopenable.getReadOnlyProperty();
    }

    /** A command is on its way to the server. */
    public ReadOnlyBooleanProperty busyProperty() {
        return activity.busyProperty();
    }

    /** How the last command went, or why the server refused it; empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return activity.messageProperty();
    }

    // ---- questions the screen asks before a command ----

    /** The confirmation of "Start show". */
    String startQuestion() {
        return text("confirm.startShow", title());
    }

    /** The confirmation of "End show": the replay when it was on air; otherwise the show is called off before it began. */
    String endQuestion() {
        return text(status.get() == EventStatus.LIVE ? "confirm.endShow" : "confirm.endShow.notOnAir", title());
    }

    /** The confirmation of "Reopen": back on air if it had been, else back on sale. */
    String reopenQuestion() {
        return text(onAirAt != null ? "confirm.reopenShow" : "confirm.reopenShow.notOnAir", title());
    }

    /** The confirmation of "Go live" to the event's ingest: a rehearsal, or on air for every ticket holder. */
    String goLiveQuestion() {
        return text(status.get() == EventStatus.LIVE ? "confirm.goLive.onAir" : "confirm.goLive.rehearsal", title());
    }

    /** Why the event's ingest would refuse a publish now (a draft, ended, cancelled), as the server would say it. */
    Optional<String> publishRefusal() {
        var now = status.get();
        if (now == null) {
            return Optional.empty();
        }
        return switch (now) {
            case DRAFT -> Optional.of(text("error.showDraft", title()));
            case ENDED -> Optional.of(text("error.showEnded", title()));
            case CANCELLED -> Optional.of(text("error.showCancelled", title()));
            case ON_SALE, LIVE -> Optional.empty();
        };
    }

    // ---- commands (confirmed first by the screen) ----

    /** "Start show": the event goes on air; every ticket holder switches to the player. */
    void startShow() {
        if (startable.get()) {
            command(id -> Objects.requireNonNull(client).events().startShow(id), "show.done.started");
        }
    }

    /** "End show": the event ends; viewers are offered the replay. */
    void endShow() {
        if (endable.get()) {
            command(id -> Objects.requireNonNull(client).events().end(id), "show.done.ended");
        }
    }

    /** "Reopen": an ended show goes back on air, or back on sale if it never was. */
    void reopen() {
        if (reopenable.get()) {
            command(id -> Objects.requireNonNull(client).events().reopen(id), "show.done.reopened");
        }
    }

    // ---- lifecycle ----

    /** The screen is on view: follows the event on the server. */
    public void shown() {
        if (!shown) {
            shown = true;
            resubscribe();
        }
    }

    /** The screen is off view: no updates, no requests. */
    public void hidden() {
        if (shown) {
            shown = false;
            unsubscribe();
        }
    }

    @Override
    public void close() {
        hidden();
        event.removeListener(eventListener);
        output.removeListener(outputListener);
    }

    // ---- internals ----

    private void command(Function<UUID, Event> call, String doneKey) {
        var current = event.getValue();
        if (current == null || client == null || activity.busyProperty().get()) {
            return;
        }
        activity.run(() -> call.apply(current.id()), (Event changed) -> {
            var now = event.getValue();
            if (now != null && now.id().equals(changed.id())) {
                take(changed.status(), changed.onAirAt(), changed.endedBy(), changed.updatedAt());
            }
            activity.say(text(doneKey, changed.title()));
        });
    }

    private void eventChanged(@Nullable Event was, @Nullable Event is) {
        boolean another = is == null || was == null || !was.id().equals(is.id());
        if (another) {
            asOf = Instant.MIN;
            onAirAt = null;
            endedBy = null;
            status.set(null);
            activity.say("");
        }
        if (is != null) {
            // A copy of the event (the workspace's list reloaded) counts as of its last change.
            take(is.status(), is.onAirAt(), is.endedBy(), is.updatedAt());
        } else {
            refresh();
        }
        if (another && shown) {
            resubscribe();
        }
    }

    /** The show's state as reported at {@code when} on the server's clock, unless a later report was taken. */
    private void take(EventStatus reported, @Nullable Instant wentOnAir, @Nullable EndedBy by, Instant when) {
        if (when.isBefore(asOf)) {
            return;
        }
        asOf = when;
        if (status.get() != reported) {
            // What the last command said no longer describes the show.
            activity.say("");
        }
        onAirAt = wentOnAir;
        endedBy = by;
        status.set(reported);
        refresh();
    }

    private void refresh() {
        var current = event.getValue();
        boolean about = client != null && current != null && output.getValue() == OutputKind.EVENT_INGEST;
        aboutEvent.set(about);
        if (output.getValue() == OutputKind.CUSTOM) {
            target.set(text("show.custom"));
        } else if (current == null) {
            target.set(text("show.noEvent"));
        } else {
            target.set(text("show.event", current.title(), startsAt(current)));
        }
        var now = status.get();
        stateText.set(about && now != null ? describe(now, endedBy) : "");
        startable.set(about && now == EventStatus.ON_SALE);
        endable.set(about && (now == EventStatus.ON_SALE || now == EventStatus.LIVE));
        reopenable.set(about && now == EventStatus.ENDED);
    }

    /** The show's state in words: the status, and for an ended show who ended it. */
    private String describe(EventStatus now, @Nullable EndedBy by) {
        return now == EventStatus.ENDED && by != null
                ? text("show.state.ENDED." + by.name())
                : text("show.state." + now.name());
    }

    private void resubscribe() {
        unsubscribe();
        var current = event.getValue();
        var source = client;
        if (current == null || source == null) {
            return;
        }
        var next = new Follow(source, current.id());
        follow = next;
        background.execute(next::start);
    }

    private void unsubscribe() {
        var current = follow;
        follow = null;
        if (current != null) {
            current.stopped = true;
            background.execute(current::closeSubscription);
        }
    }

    /** One subscription to one event's health, for the show's state it carries. */
    private final class Follow {
        private final StagedoorClient source;
        private final UUID eventId;
        private volatile @Nullable HealthSubscription subscription;
        private volatile boolean stopped;

        Follow(StagedoorClient source, UUID eventId) {
            this.source = source;
            this.eventId = eventId;
        }

        void start() {
            subscription = source.streams().watchHealth(eventId, this::update, this::problem);
            if (stopped) {
                closeSubscription();
            }
        }

        void closeSubscription() {
            var current = subscription;
            if (current != null) {
                subscription = null;
                current.close();
            }
        }

        private void update(StreamHealth health) {
            ui.execute(() -> {
                if (follow == this && health.eventId().equals(eventId)) {
                    var show = health.show();
                    take(show.status(), show.onAirAt(), show.endedBy(), health.at());
                }
            });
        }

        private void problem(StagedoorClientException e) {
            // The subscription tries again by itself; the state shown stays the last one known.
            log.warn("The show's state of {}: {}", eventId, e.getMessage());
        }
    }

    private String title() {
        var current = event.getValue();
        return current == null ? "" : current.title();
    }

    /** The start in the event's own time zone, e.g. {@code 21 Nov 2026, 20:00 Europe/Vienna}. */
    private static String startsAt(Event event) {
        var zone = ZoneId.of(event.timeZone());
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(Locale.getDefault(Locale.Category.FORMAT))
                        .format(event.startsAt().atZone(zone))
                + " " + zone.getId();
    }

    private String text(String key, Object... args) {
        var pattern = texts.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, texts.getLocale()).format(args);
    }
}
