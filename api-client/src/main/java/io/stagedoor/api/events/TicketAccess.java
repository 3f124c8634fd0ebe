package io.stagedoor.api.events;

/**
 * What a ticket lets its holder watch.
 *
 * @param live the live stream, and afterwards the replay for {@code replayHours} after the event ends
 * @param onDemand the recording on demand, for {@code rentalHours} from the first time it is played
 */
public record TicketAccess(boolean live, int replayHours, boolean onDemand, int rentalHours) {}
