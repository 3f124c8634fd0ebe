package io.stagedoor.app.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.DaySales;
import io.stagedoor.api.sales.Revocation;
import io.stagedoor.api.sales.SalesFigures;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.app.internal.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SalesFiguresTest {

    @Test
    void ticketsOverTimeAddUpDayByDayInDateOrder() {
        var days = List.of(day("2027-01-03", 4), day("2027-01-01", 2), day("2027-01-02", 0));

        assertThat(SalesDashboardViewModel.overTime(days))
                .containsExactly(
                        new TicketsOnDay(LocalDate.parse("2027-01-01"), 2, 2),
                        new TicketsOnDay(LocalDate.parse("2027-01-02"), 0, 2),
                        new TicketsOnDay(LocalDate.parse("2027-01-03"), 4, 6));
    }

    @Test
    void theAttendeeSearchLooksAtNameEmailTicketAndOrderIgnoringCase() {
        var ada = new Attendee(
                UUID.randomUUID(),
                "SD-7KQ2-9XW4",
                UUID.randomUUID(),
                "ORD-1234",
                UUID.randomUUID(),
                "Standard",
                "Ada Lovelace",
                "ada@example.org",
                TicketStatus.VALID,
                Instant.now(),
                null,
                false);

        assertThat(AttendeesViewModel.matches(ada, "")).isTrue();
        assertThat(AttendeesViewModel.matches(ada, " LOVELACE ")).isTrue();
        assertThat(AttendeesViewModel.matches(ada, "ada@")).isTrue();
        assertThat(AttendeesViewModel.matches(ada, "7kq2")).isTrue();
        assertThat(AttendeesViewModel.matches(ada, "ord-12")).isTrue();
        assertThat(AttendeesViewModel.matches(ada, "grace")).isFalse();
    }

    @Test
    void aTicketWhoseOrderAwaitsItsRefundSaysSoInsteadOfItsStatus() {
        var messages = Messages.load();
        var revoked = attendee(TicketStatus.REVOKED, Revocation.ORDER, false);
        var awaiting = attendee(TicketStatus.REVOKED, Revocation.ORDER, true);

        assertThat(AttendeesView.statusLabel(attendee(TicketStatus.VALID, null, false), messages))
                .isEqualTo("Valid");
        assertThat(AttendeesView.statusLabel(revoked, messages)).isEqualTo("Revoked (refunded or cancelled)");
        assertThat(AttendeesView.statusLabel(awaiting, messages)).isEqualTo("Refund pending");
    }

    private static Attendee attendee(TicketStatus status, Revocation revocation, boolean refundPending) {
        return new Attendee(
                UUID.randomUUID(),
                "SD-7KQ2-9XW4",
                UUID.randomUUID(),
                "ORD-1234",
                UUID.randomUUID(),
                "Standard",
                "Ada Lovelace",
                "ada@example.org",
                status,
                Instant.now(),
                revocation,
                refundPending);
    }

    private static DaySales day(String day, long tickets) {
        return new DaySales(LocalDate.parse(day), new SalesFigures(tickets, tickets, 0, 0, 0, 0));
    }
}
