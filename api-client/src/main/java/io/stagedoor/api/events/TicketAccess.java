package io.stagedoor.api.events;

import org.jspecify.annotations.Nullable;

/**
 * What a ticket lets its holder watch, and when.
 *
 * @param live the live stream, and afterwards the replay for {@code replayHours} after the event ends
 * @param onDemand the recording on demand, for {@code rentalHours} from the first time it is played
 * @param doorsOpenMinutes how long before the start the holder may enter the waiting room; 30 when not given
 */
public record TicketAccess(
        boolean live,
        int replayHours,
        boolean onDemand,
        int rentalHours,
        @Nullable Integer doorsOpenMinutes) {

    /** Doors open this long before the start unless the ticket type says otherwise. */
    public static final int DEFAULT_DOORS_OPEN_MINUTES = 30;

    public TicketAccess {
        if (doorsOpenMinutes == null) {
            doorsOpenMinutes = DEFAULT_DOORS_OPEN_MINUTES;
        }
    }

    /** Access with the doors opening {@value #DEFAULT_DOORS_OPEN_MINUTES} minutes before the start. */
    public TicketAccess(boolean live, int replayHours, boolean onDemand, int rentalHours) {
        this(live, replayHours, onDemand, rentalHours, DEFAULT_DOORS_OPEN_MINUTES);
    }

    /** The doors' lead time, never null. */
    @Override
    public Integer doorsOpenMinutes() {
        return doorsOpenMinutes;
    }
}
