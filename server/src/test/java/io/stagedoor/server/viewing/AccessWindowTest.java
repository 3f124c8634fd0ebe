package io.stagedoor.server.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.server.viewing.AccessWindow.Facts;
import io.stagedoor.server.viewing.AccessWindow.Phase;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AccessWindowTest {

    private static final Instant START = Instant.parse("2026-06-01T19:00:00Z");
    private static final TicketAccess LIVE_48H_REPLAY = new TicketAccess(true, 48, false, 0);
    private static final TicketAccess LIVE_ONLY = new TicketAccess(true, 0, false, 0, 10);
    private static final TicketAccess RENTAL_24H = new TicketAccess(false, 0, true, 24);

    private static Facts facts(
            TicketAccess access,
            EventStatus status,
            @Nullable Instant endedAt,
            @Nullable Instant firstPlayed,
            boolean recording) {
        return new Facts(TicketStatus.VALID, access, status, START, 120, endedAt, firstPlayed, recording);
    }

    private static Phase phase(Facts facts, Instant at) {
        return AccessWindow.at(facts, at).phase();
    }

    @Test
    void theDoorsOpenThirtyMinutesBeforeTheStartUnlessTheTicketTypeSaysOtherwise() {
        var onSale = facts(LIVE_48H_REPLAY, EventStatus.ON_SALE, null, null, false);
        assertThat(phase(onSale, START.minus(Duration.ofMinutes(31)))).isEqualTo(Phase.NOT_YET_OPEN);
        assertThat(phase(onSale, START.minus(Duration.ofMinutes(30)))).isEqualTo(Phase.WAITING);
        assertThat(AccessWindow.at(onSale, START).opensAt()).isEqualTo(START.minus(Duration.ofMinutes(30)));
        // Late: the show has not begun, the room stays open.
        assertThat(phase(onSale, START.plus(Duration.ofMinutes(20)))).isEqualTo(Phase.WAITING);

        var tenMinutes = facts(LIVE_ONLY, EventStatus.ON_SALE, null, null, false);
        assertThat(phase(tenMinutes, START.minus(Duration.ofMinutes(11)))).isEqualTo(Phase.NOT_YET_OPEN);
        assertThat(phase(tenMinutes, START.minus(Duration.ofMinutes(10)))).isEqualTo(Phase.WAITING);
    }

    @Test
    void aLiveEventPlaysOnceTheDoorsAreOpen() {
        var live = facts(LIVE_48H_REPLAY, EventStatus.LIVE, null, null, false);
        assertThat(phase(live, START.minus(Duration.ofMinutes(5)))).isEqualTo(Phase.LIVE);
        assertThat(Phase.LIVE.mayPlay()).isTrue();
        // Going live early does not open the doors early.
        assertThat(phase(live, START.minus(Duration.ofHours(2)))).isEqualTo(Phase.NOT_YET_OPEN);
        assertThat(Phase.WAITING.mayPlay()).isFalse();
    }

    @Test
    void theReplayWindowCountsFromTheEnd() {
        var ended = START.plus(Duration.ofMinutes(95));
        var facts = facts(LIVE_48H_REPLAY, EventStatus.ENDED, ended, null, true);
        var window = AccessWindow.at(facts, ended.plus(Duration.ofHours(47)));
        assertThat(window.phase()).isEqualTo(Phase.REPLAY);
        assertThat(window.closesAt()).isEqualTo(ended.plus(Duration.ofHours(48)));
        assertThat(phase(facts, ended.plus(Duration.ofHours(48)))).isEqualTo(Phase.EXPIRED);
        // An event ended before this column existed: the scheduled end stands in.
        var legacy = facts(LIVE_48H_REPLAY, EventStatus.ENDED, null, null, true);
        assertThat(AccessWindow.at(legacy, START).closesAt())
                .isEqualTo(START.plus(Duration.ofMinutes(120)).plus(Duration.ofHours(48)));
    }

    @Test
    void withoutReplayOrRecordingTheEndIsTheEnd() {
        var ended = START.plus(Duration.ofHours(2));
        assertThat(phase(facts(LIVE_ONLY, EventStatus.ENDED, ended, null, true), ended))
                .isEqualTo(Phase.ENDED);
        assertThat(phase(facts(LIVE_48H_REPLAY, EventStatus.ENDED, ended, null, false), ended))
                .isEqualTo(Phase.ENDED);
    }

    @Test
    void anOnDemandRentalStartsWithTheFirstPlay() {
        var ended = START.plus(Duration.ofHours(2));
        // Before the end, an on-demand-only ticket waits for the recording.
        assertThat(phase(facts(RENTAL_24H, EventStatus.LIVE, null, null, false), START))
                .isEqualTo(Phase.NOT_YET_OPEN);

        var unplayed = facts(RENTAL_24H, EventStatus.ENDED, ended, null, true);
        var weekLater = ended.plus(Duration.ofDays(7));
        var window = AccessWindow.at(unplayed, weekLater);
        assertThat(window.phase()).isEqualTo(Phase.REPLAY);
        assertThat(window.closesAt()).isNull();
        assertThat(AccessWindow.startsRental(unplayed, window)).isTrue();

        var played = facts(RENTAL_24H, EventStatus.ENDED, ended, weekLater, true);
        var during = AccessWindow.at(played, weekLater.plus(Duration.ofHours(23)));
        assertThat(during.phase()).isEqualTo(Phase.REPLAY);
        assertThat(during.closesAt()).isEqualTo(weekLater.plus(Duration.ofHours(24)));
        assertThat(AccessWindow.startsRental(played, during)).isFalse();
        assertThat(phase(played, weekLater.plus(Duration.ofHours(24)))).isEqualTo(Phase.EXPIRED);
    }

    @Test
    void aLiveTicketWithARentalUsesTheReplayWindowFirstWithoutStartingTheRental() {
        var both = new TicketAccess(true, 12, true, 24);
        var ended = START.plus(Duration.ofHours(2));
        var facts = facts(both, EventStatus.ENDED, ended, null, true);
        var window = AccessWindow.at(facts, ended.plus(Duration.ofHours(1)));
        assertThat(window.phase()).isEqualTo(Phase.REPLAY);
        assertThat(AccessWindow.startsRental(facts, window)).isFalse();
        var later = AccessWindow.at(facts, ended.plus(Duration.ofHours(13)));
        assertThat(later.phase()).isEqualTo(Phase.REPLAY);
        assertThat(AccessWindow.startsRental(facts, later)).isTrue();
    }

    @Test
    void refundsAndCancellationsCloseEverything() {
        var revoked = new Facts(TicketStatus.REVOKED, LIVE_48H_REPLAY, EventStatus.LIVE, START, 120, null, null, false);
        assertThat(phase(revoked, START)).isEqualTo(Phase.REVOKED);
        assertThat(phase(facts(LIVE_48H_REPLAY, EventStatus.CANCELLED, null, null, false), START))
                .isEqualTo(Phase.CANCELLED);
        assertThat(Phase.REVOKED.mayPlay()).isFalse();
    }
}
