package io.stagedoor.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.live.StreamStop;
import io.stagedoor.app.broadcast.BroadcastView;
import java.util.HashSet;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The monitor's words for the stream and the show: why a publisher went (stopped, connection lost, the show ended by
 * the organiser or by itself after its scheduled end) and whether a stream is a rehearsal or on air, each its own.
 */
class MonitorStatesTest {

    private final ResourceBundle texts = BroadcastView.bundle(Locale.ENGLISH);

    @Test
    void whyAPublisherWentIsToldApart() {
        assertThat(stream(StreamState.LIVE, null, null)).isEqualTo("Receiving");
        assertThat(stream(StreamState.OFFLINE, null, null)).isEqualTo("Offline: no publisher yet");
        assertThat(stream(StreamState.DISCONNECTED, StreamStop.CONNECTION_LOST, null))
                .isEqualTo("Connection lost — waiting for the publisher");
        assertThat(stream(StreamState.DISCONNECTED, StreamStop.PUBLISHER_STOPPED, null))
                .isEqualTo("The publisher stopped");
        assertThat(stream(StreamState.DISCONNECTED, StreamStop.KEY_REPLACED, null))
                .isEqualTo("Cut off: the stream key was replaced");
        assertThat(stream(StreamState.ENDED, StreamStop.SHOW_ENDED, EndedBy.ORGANISER))
                .isEqualTo("Ended by you");
        assertThat(stream(StreamState.ENDED, StreamStop.CONNECTION_LOST, EndedBy.AUTOMATIC))
                .isEqualTo("Ended by itself after the scheduled end");
        assertThat(stream(StreamState.ENDED, null, null))
                .as("a cancelled event")
                .isEqualTo("Ended");

        var all = new HashSet<String>();
        for (var stop : StreamStop.values()) {
            all.add(stream(StreamState.DISCONNECTED, stop, null));
        }
        assertThat(all).as("every reason in its own words").hasSize(StreamStop.values().length);
    }

    @Test
    void aRehearsalIsNotOnAir() {
        assertThat(show(EventStatus.ON_SALE)).isEqualTo("Rehearsal — ticket holders are waiting");
        assertThat(show(EventStatus.LIVE)).isEqualTo("On air — ticket holders are watching");
        assertThat(show(EventStatus.ENDED)).isEqualTo("Ended — viewers are offered the replay");
    }

    private String stream(StreamState state, @Nullable StreamStop lastStop, @Nullable EndedBy endedBy) {
        return texts.getString(MonitorViewModel.streamKey(state, lastStop, endedBy));
    }

    private String show(EventStatus status) {
        return texts.getString(MonitorViewModel.showKey(status));
    }
}
