package io.stagedoor.server.viewing;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.sales.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a ticket stands at a moment: what its holder sees, and whether they may play. Pure: everything it needs is
 * passed in, so every window can be tested at any time.
 *
 * @param phase what the holder's page shows
 * @param opensAt when the doors open (before that, the phase is {@link Phase#NOT_YET_OPEN})
 * @param closesAt when the current replay or rental window closes; null while it has not started or is unlimited
 */
public record AccessWindow(
        Phase phase, Instant opensAt, @Nullable Instant closesAt) {

    /** What a ticket's page shows. */
    public enum Phase {
        /** Before the doors open. */
        NOT_YET_OPEN,
        /** In the waiting room: the doors are open and the show has not begun (or is about to). */
        WAITING,
        /** The event is live: the holder may play the live stream. */
        LIVE,
        /** The event has ended and the holder may play the recording. */
        REPLAY,
        /** The event has ended, and this ticket grants no replay (or the recording does not exist). */
        ENDED,
        /** The replay or rental window has closed. */
        EXPIRED,
        /** The ticket was refunded or revoked. */
        REVOKED,
        /** The event was cancelled. */
        CANCELLED;

        /** Whether playlists and segments may be served to this ticket's session. */
        public boolean mayPlay() {
            return this == LIVE || this == REPLAY;
        }
    }

    /** The facts the window is worked out from. */
    public record Facts(
            TicketStatus ticketStatus,
            TicketAccess access,
            EventStatus eventStatus,
            Instant startsAt,
            int durationMinutes,
            @Nullable Instant endedAt,
            @Nullable Instant firstPlayedAt,
            boolean recordingExists) {}

    public static AccessWindow at(Facts facts, Instant now) {
        var access = facts.access();
        var opensAt = facts.startsAt().minus(Duration.ofMinutes(access.doorsOpenMinutes()));
        if (facts.ticketStatus() == TicketStatus.REVOKED) {
            return new AccessWindow(Phase.REVOKED, opensAt, null);
        }
        switch (facts.eventStatus()) {
            case CANCELLED -> {
                return new AccessWindow(Phase.CANCELLED, opensAt, null);
            }
            case ENDED -> {
                return afterTheEnd(facts, opensAt, now);
            }
            default -> {
                // Draft (a rehearsal), on sale or live.
                if (!access.live() || now.isBefore(opensAt)) {
                    // An on-demand ticket opens with the recording, when the show has ended.
                    return new AccessWindow(Phase.NOT_YET_OPEN, opensAt, null);
                }
                return new AccessWindow(
                        facts.eventStatus() == EventStatus.LIVE ? Phase.LIVE : Phase.WAITING, opensAt, null);
            }
        }
    }

    private static AccessWindow afterTheEnd(Facts facts, Instant opensAt, Instant now) {
        var access = facts.access();
        if (!facts.recordingExists() || (!access.onDemand() && access.replayHours() == 0)) {
            return new AccessWindow(Phase.ENDED, opensAt, null);
        }
        var endedAt = facts.endedAt() != null
                ? facts.endedAt()
                : facts.startsAt().plus(Duration.ofMinutes(facts.durationMinutes()));
        Instant replayCloses =
                access.live() && access.replayHours() > 0 ? endedAt.plus(Duration.ofHours(access.replayHours())) : null;
        if (replayCloses != null && now.isBefore(replayCloses)) {
            return new AccessWindow(Phase.REPLAY, opensAt, replayCloses);
        }
        if (access.onDemand()) {
            if (facts.firstPlayedAt() == null) {
                // The rental starts with the first play.
                return new AccessWindow(Phase.REPLAY, opensAt, null);
            }
            var rentalCloses = facts.firstPlayedAt().plus(Duration.ofHours(access.rentalHours()));
            if (now.isBefore(rentalCloses)) {
                return new AccessWindow(Phase.REPLAY, opensAt, rentalCloses);
            }
            return new AccessWindow(Phase.EXPIRED, opensAt, rentalCloses);
        }
        return new AccessWindow(Phase.EXPIRED, opensAt, replayCloses);
    }

    /** Whether a session starting now starts the ticket's on-demand rental. */
    public static boolean startsRental(Facts facts, AccessWindow window) {
        return window.phase() == Phase.REPLAY && window.closesAt() == null && facts.firstPlayedAt() == null;
    }
}
