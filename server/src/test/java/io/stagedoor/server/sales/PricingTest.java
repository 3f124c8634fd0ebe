package io.stagedoor.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.server.events.PromoCodeRow;
import io.stagedoor.server.events.TicketTypeRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final TicketTypeRow STANDARD = type("Standard", 1005);
    private static final TicketTypeRow VIP = type("VIP", 4999);

    private static TicketTypeRow type(String name, long price) {
        return new TicketTypeRow(
                UUID.randomUUID(),
                UUID.randomUUID(),
                name,
                price,
                "EUR",
                100,
                0,
                0,
                null,
                null,
                new TicketAccess(true, 0, false, 0));
    }

    private static PromoCodeRow promo(PromoKind kind, Integer percent, Long amount, List<UUID> limitedTo) {
        return new PromoCodeRow(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "CODE",
                kind,
                percent,
                amount,
                limitedTo,
                null,
                0,
                null,
                null,
                true,
                Instant.EPOCH);
    }

    @Test
    void withoutACodeTheTotalIsPriceTimesQuantity() {
        var priced = Pricing.price(List.of(new Pricing.Item(STANDARD, 3), new Pricing.Item(VIP, 1)), null);

        assertThat(priced.subtotalMinor()).isEqualTo(3 * 1005 + 4999);
        assertThat(priced.discountMinor()).isZero();
        assertThat(priced.totalMinor()).isEqualTo(8014);
        assertThat(priced.currency()).isEqualTo("EUR");
    }

    @Test
    void aPercentageCodeRoundsHalfUpOnEachEligibleLine() {
        var code = promo(PromoKind.PERCENT, 20, null, List.of(STANDARD.id()));

        var priced = Pricing.price(List.of(new Pricing.Item(STANDARD, 1), new Pricing.Item(VIP, 2)), code);

        assertThat(priced.lines()).extracting(Pricing.Line::discountMinor).containsExactly(201L, 0L);
        assertThat(priced.totalMinor()).isEqualTo(1005 - 201 + 2 * 4999);
    }

    @Test
    void aFixedCodeIsTakenOnceAndSpreadOverEligibleLines() {
        var code = promo(PromoKind.FIXED, null, 1000L, List.of());

        var priced = Pricing.price(List.of(new Pricing.Item(STANDARD, 2), new Pricing.Item(VIP, 1)), code);

        assertThat(priced.discountMinor()).isEqualTo(1000);
        assertThat(priced.lines()).extracting(Pricing.Line::discountMinor).containsExactly(287L, 713L);
    }

    @Test
    void aFixedCodeNeverTakesMoreThanTheEligibleTickets() {
        var code = promo(PromoKind.FIXED, null, 50_000L, List.of(STANDARD.id()));

        var priced = Pricing.price(List.of(new Pricing.Item(STANDARD, 1), new Pricing.Item(VIP, 1)), code);

        assertThat(priced.lines()).extracting(Pricing.Line::discountMinor).containsExactly(1005L, 0L);
        assertThat(priced.totalMinor()).isEqualTo(4999);
    }

    @Test
    void aHundredPercentCodeMakesTheOrderFree() {
        var priced = Pricing.price(List.of(new Pricing.Item(VIP, 3)), promo(PromoKind.PERCENT, 100, null, List.of()));

        assertThat(priced.totalMinor()).isZero();
    }
}
