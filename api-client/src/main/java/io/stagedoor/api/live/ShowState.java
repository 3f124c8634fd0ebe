package io.stagedoor.api.live;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.EventStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where the show stands, beside the stream's own state: a stream published while the event is on sale is a
 * rehearsal; it reaches ticket holders only once the event is live (on air).
 *
 * @param status the event's status
 * @param onAirAt when the show first went on air; null while it never has
 * @param endedBy who ended the show; null unless it has ended
 */
public record ShowState(
        EventStatus status,
        @Nullable Instant onAirAt,
        @Nullable EndedBy endedBy) {

    /** Whether ticket holders are watching: the show is on air. */
    public boolean onAir() {
        return status == EventStatus.LIVE;
    }

    /** Whether a stream now is a rehearsal: seen by the organiser, not by ticket holders. */
    public boolean rehearsal() {
        return status == EventStatus.ON_SALE;
    }
}
