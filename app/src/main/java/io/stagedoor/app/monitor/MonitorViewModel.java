package io.stagedoor.app.monitor;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.StreamAlert;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.app.internal.Coalescer;
import io.stagedoor.client.HealthSubscription;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.client.StagedoorClientException;
import io.stagedoor.encoder.BroadcastStats;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The technician's view of the selected event's stream: what the server's ingest measures (pushed over server-sent
 * events, coalesced to at most four updates a second), beside this machine's encoder when it broadcasts. The show's
 * state (a rehearsal, on air, ended) stands beside the stream's, which says why a publisher went: it stopped, its
 * connection was lost, the show was ended by the organiser or by itself after its scheduled end. A new alert
 * goes to the desktop, or to an in-window notice when the desktop cannot show one. Subscribes only while shown.
 */
public final class MonitorViewModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitorViewModel.class);
    static final Duration UPDATE_INTERVAL = Duration.ofMillis(250);
    /** Seconds of received bitrate kept for the chart. */
    static final int HISTORY = 120;

    private final @Nullable StagedoorClient client;
    private final ObservableValue<@Nullable Event> selectedEvent;
    private final Executor background;
    private final Executor ui;
    private final ResourceBundle texts;
    private final ObservableValue<@Nullable BroadcastStats> localStats;
    private final DesktopNotifier notifier;

    private final ReadOnlyObjectWrapper<@Nullable StreamHealth> health = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper showText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyBooleanWrapper onAir = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper bitrateText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyBooleanWrapper bitrateBelowRecommended = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<List<Double>> bitrateHistoryMbps = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper fpsText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper keyframeText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper videoText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper audioText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper viewersText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper publisherText = new ReadOnlyStringWrapper("—");
    private final ObservableList<String> renditions = FXCollections.observableArrayList();
    private final ObservableList<StreamAlert> alerts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper localText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    private final List<Double> history = new ArrayList<>();
    private final Set<String> alertsSeen = new HashSet<>();
    private final ChangeListener<@Nullable Event> eventListener = (obs, was, is) -> resubscribe();
    private final ChangeListener<@Nullable BroadcastStats> localListener = (obs, was, is) -> showLocal(is);
    private @Nullable Follow follow;
    private boolean shown;

    public MonitorViewModel(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> selectedEvent,
            Executor background,
            Executor ui,
            ResourceBundle texts,
            ObservableValue<@Nullable BroadcastStats> localStats,
            DesktopNotifier notifier) {
        this.client = client;
        this.selectedEvent = selectedEvent;
        this.background = background;
        this.ui = ui;
        this.texts = texts;
        this.localStats = localStats;
        this.notifier = notifier;
        showLocal(localStats.getValue());
        message.set(text(client == null ? "monitor.noClient" : "monitor.noEvent"));
    }

    /** The latest health from the server, {@code null} before the first. */
    public ReadOnlyObjectProperty<@Nullable StreamHealth> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** What the monitor is doing or why it shows nothing. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "Rehearsal — ticket holders are waiting", "On air — …", "Ended — …". */
    public ReadOnlyStringProperty showTextProperty() {
        return showText.getReadOnlyProperty();
    }

    /** Ticket holders are watching: the show is on air. */
    public ReadOnlyBooleanProperty onAirProperty() {
        return onAir.getReadOnlyProperty();
    }

    /** The stream: receiving, or why not ("Connection lost — waiting for the publisher", "Ended by you" …). */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bitrateTextProperty() {
        return bitrateText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bitrateBelowRecommendedProperty() {
        return bitrateBelowRecommended.getReadOnlyProperty();
    }

    /** Received Mbps, one value per update, oldest first, at most {@value #HISTORY}. */
    public ReadOnlyObjectProperty<List<Double>> bitrateHistoryMbpsProperty() {
        return bitrateHistoryMbps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fpsTextProperty() {
        return fpsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyframeTextProperty() {
        return keyframeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty videoTextProperty() {
        return videoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty audioTextProperty() {
        return audioText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty viewersTextProperty() {
        return viewersText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty publisherTextProperty() {
        return publisherText.getReadOnlyProperty();
    }

    public ObservableList<String> renditions() {
        return FXCollections.unmodifiableObservableList(renditions);
    }

    public ObservableList<StreamAlert> alerts() {
        return FXCollections.unmodifiableObservableList(alerts);
    }

    /** This machine's encoder numbers; empty-ish when it is not broadcasting. */
    public ReadOnlyStringProperty localTextProperty() {
        return localText.getReadOnlyProperty();
    }

    /** An alert the desktop could not show; empty when there is none to show. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Starts following the selected event's stream, and follows the selection. */
    public void shown() {
        if (shown) {
            return;
        }
        shown = true;
        selectedEvent.addListener(eventListener);
        localStats.addListener(localListener);
        showLocal(localStats.getValue());
        resubscribe();
    }

    /** Stops following: no requests while off screen. */
    public void hidden() {
        if (!shown) {
            return;
        }
        shown = false;
        selectedEvent.removeListener(eventListener);
        localStats.removeListener(localListener);
        unsubscribe();
    }

    public void dismissNotice() {
        notice.set("");
    }

    @Override
    public void close() {
        hidden();
        notifier.close();
    }

    private void resubscribe() {
        unsubscribe();
        clear();
        var event = selectedEvent.getValue();
        var target = client;
        if (target == null) {
            message.set(text("monitor.noClient"));
            return;
        }
        if (event == null) {
            message.set(text("monitor.noEvent"));
            return;
        }
        message.set(text("monitor.connecting"));
        var next = new Follow(target, event);
        follow = next;
        background.execute(next::start);
    }

    private void unsubscribe() {
        var current = follow;
        follow = null;
        if (current != null) {
            current.stop();
            background.execute(current::closeSubscription);
        }
    }

    /** One subscription to one event's health. */
    private final class Follow {
        private final StagedoorClient target;
        private final Event event;
        private final Coalescer<StreamHealth> updates;
        private volatile @Nullable HealthSubscription subscription;
        private volatile boolean stopped;

        Follow(StagedoorClient target, Event event) {
            this.target = target;
            this.event = event;
            this.updates = new Coalescer<>(ui, UPDATE_INTERVAL, this::show);
        }

        void start() {
            var started = target.streams().watchHealth(event.id(), updates::offer, this::problem);
            subscription = started;
            if (stopped) {
                closeSubscription();
            }
        }

        void stop() {
            stopped = true;
            updates.stop();
        }

        void closeSubscription() {
            var current = subscription;
            if (current != null) {
                subscription = null;
                current.close();
            }
        }

        private void problem(StagedoorClientException e) {
            log.warn("Stream health of {}: {}", event.id(), e.getMessage());
            ui.execute(() -> {
                if (follow == this) {
                    message.set(text("monitor.lost"));
                }
            });
        }

        private void show(StreamHealth update) {
            if (follow != this || !update.eventId().equals(event.id())) {
                return;
            }
            message.set(event.title());
            apply(update);
        }
    }

    private void apply(StreamHealth update) {
        health.set(update);
        showText.set(text(showKey(update.show().status())));
        onAir.set(update.show().onAir());
        stateText.set(
                text(streamKey(update.state(), update.lastStop(), update.show().endedBy())));
        bitrateText.set(text("monitor.bitrate.value", mbps(update.bitrate1s()), mbps(update.bitrate10s())));
        bitrateBelowRecommended.set(
                update.state() == StreamState.LIVE && update.bitrate10s() < update.recommendedBitrate());
        history.add(update.bitrate1s() / 1e6);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        bitrateHistoryMbps.set(List.copyOf(history));
        fpsText.set(text("monitor.fps.value", String.format(Locale.ROOT, "%.1f", update.frameRate())));
        keyframeText.set(
                text("monitor.keyframes.value", String.format(Locale.ROOT, "%.2f", update.keyframeIntervalSeconds())));
        videoText.set(
                update.videoCodec() == null
                        ? "—"
                        : text("monitor.video.value", update.width(), update.height(), update.videoCodec()));
        audioText.set(update.audioCodec() == null ? "—" : update.audioCodec());
        viewersText.set(text("monitor.viewers.value", update.viewers(), update.peakViewers()));
        publisherText.set(
                update.publisherSoftware() == null
                        ? "—"
                        : update.publisherSoftware()
                                + (update.publisherAddress() == null ? "" : " · " + update.publisherAddress()));
        renditions.setAll(update.renditions().stream()
                .map(r -> text(
                        "monitor.rendition",
                        r.name(),
                        r.width(),
                        r.height(),
                        mbps(r.bitrate()),
                        r.segments(),
                        r.packagingLagMillis()))
                .toList());
        alerts.setAll(update.alerts());
        var current = new HashSet<String>();
        for (var alert : update.alerts()) {
            current.add(alert.code());
            if (!alertsSeen.contains(alert.code())) {
                raise(alert);
            }
        }
        alertsSeen.retainAll(current);
        alertsSeen.addAll(current);
    }

    /** The show's state: the words the broadcast screen uses too. */
    static String showKey(EventStatus status) {
        return "show.state." + status.name();
    }

    /**
     * The stream's state, with why the publisher went: a lost connection (it may come back) is not a publisher that
     * stopped, and a show ended by the organiser is not one the server ended after its scheduled end.
     */
    static String streamKey(StreamState state, @Nullable StreamStop lastStop, @Nullable EndedBy endedBy) {
        return switch (state) {
            case OFFLINE, LIVE -> "monitor.state." + state.name();
            case DISCONNECTED -> lastStop == null ? "monitor.state.DISCONNECTED" : "monitor.stop." + lastStop.name();
            case ENDED -> endedBy == null ? "monitor.state.ENDED" : "monitor.ended." + endedBy.name();
        };
    }

    private void raise(StreamAlert alert) {
        log.warn("Stream alert {} ({}): {}", alert.code(), alert.severity(), alert.message());
        var title = text("monitor.notification.title", alert.code());
        if (!notifier.notify(title, alert.message())) {
            notice.set(alert.message());
        }
    }

    private void showLocal(@Nullable BroadcastStats stats) {
        if (stats == null || stats.bitrate() == null) {
            localText.set(text("monitor.local.none"));
            return;
        }
        var reading = stats.bitrate();
        localText.set(text(
                "monitor.local.value",
                String.format(Locale.ROOT, "%.2f", reading.lastSecondKbps() / 1000),
                String.format(Locale.ROOT, "%.2f", reading.lastTenSecondsKbps() / 1000),
                String.format(Locale.ROOT, "%.1f", stats.encodeFps()),
                stats.droppedCapture()
                        + stats.droppedEncoder()
                        + stats.droppedNetwork().video()));
    }

    private void clear() {
        health.set(null);
        showText.set("—");
        onAir.set(false);
        stateText.set("—");
        bitrateText.set("—");
        bitrateBelowRecommended.set(false);
        history.clear();
        bitrateHistoryMbps.set(List.of());
        fpsText.set("—");
        keyframeText.set("—");
        videoText.set("—");
        audioText.set("—");
        viewersText.set("—");
        publisherText.set("—");
        renditions.clear();
        alerts.clear();
        alertsSeen.clear();
    }

    private static String mbps(long bitsPerSecond) {
        return String.format(Locale.ROOT, "%.2f", bitsPerSecond / 1e6);
    }

    private String text(String key, Object... args) {
        var pattern = texts.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, texts.getLocale()).format(args);
    }
}
