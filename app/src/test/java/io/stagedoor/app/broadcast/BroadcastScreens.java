package io.stagedoor.app.broadcast;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.UiThread;
import io.stagedoor.app.monitor.MonitorView;
import io.stagedoor.client.StagedoorClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleObjectProperty;
import org.jspecify.annotations.Nullable;

/**
 * The broadcast screen and the technician monitor as the shell builds them, on the real encoder unless told otherwise,
 * with {@code event} selected: the monitor beside the broadcast's own numbers. In a headless test there is no
 * notification service or tray, so the monitor's alerts fall back to its banner.
 */
record BroadcastScreens(BroadcastView broadcast, MonitorView monitor) {

    static BroadcastScreens of(StagedoorClient organiser, Event event, Executor background) {
        return of(organiser, event, background, BroadcastEngine.encoder());
    }

    /** The same on another engine, e.g. a {@link StandInEngine} where no picture is needed. */
    static BroadcastScreens of(StagedoorClient organiser, Event event, Executor background, BroadcastEngine engine) {
        var texts = BroadcastView.bundle(Locale.ENGLISH);
        var selected = new SimpleObjectProperty<@Nullable Event>(event);
        var model = new BroadcastViewModel(
                organiser,
                selected,
                background,
                UiThread.executor(),
                texts,
                engine,
                Duration.ofSeconds(3),
                Clock.systemDefaultZone());
        var broadcast = new BroadcastView(model, texts);
        var monitor =
                new MonitorView(organiser, selected, background, UiThread.executor(), texts, broadcast.localStats());
        return new BroadcastScreens(broadcast, monitor);
    }
}
