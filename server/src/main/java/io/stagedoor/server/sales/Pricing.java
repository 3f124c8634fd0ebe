package io.stagedoor.server.sales;

import io.stagedoor.api.events.PromoKind;
import io.stagedoor.api.sales.Quote;
import io.stagedoor.api.sales.QuoteLine;
import io.stagedoor.server.events.PromoCodeRow;
import io.stagedoor.server.events.TicketTypeRow;
import io.stagedoor.server.money.Allocation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a basket costs. Discount rules, in whole minor units:
 *
 * <ul>
 *   <li>A percentage code takes that percentage off each eligible line, rounded half up per line (20 % of 1 005
 *       cents is 201 cents).
 *   <li>A fixed-amount code takes its amount off the order once, at most the eligible lines' subtotal, split over
 *       those lines in proportion to their subtotals ({@link Allocation}).
 * </ul>
 */
final class Pricing {

    private Pricing() {}

    /** One ticket type and how many. */
    record Item(TicketTypeRow ticketType, int quantity) {}

    /** A priced line; amounts in minor units. */
    record Line(TicketTypeRow ticketType, int quantity, long subtotalMinor, long discountMinor) {

        long totalMinor() {
            return subtotalMinor - discountMinor;
        }

        QuoteLine toApi() {
            return new QuoteLine(
                    ticketType.id(),
                    ticketType.name(),
                    quantity,
                    ticketType.priceMinor(),
                    subtotalMinor,
                    discountMinor,
                    totalMinor());
        }
    }

    /** A priced basket. */
    record Priced(
            String currency, List<Line> lines, @Nullable PromoCodeRow promo) {

        long subtotalMinor() {
            return lines.stream().mapToLong(Line::subtotalMinor).sum();
        }

        long discountMinor() {
            return lines.stream().mapToLong(Line::discountMinor).sum();
        }

        long totalMinor() {
            return subtotalMinor() - discountMinor();
        }

        Quote toApi() {
            return new Quote(
                    currency,
                    lines.stream().map(Line::toApi).toList(),
                    subtotalMinor(),
                    discountMinor(),
                    totalMinor(),
                    promo == null ? null : promo.code());
        }
    }

    /** @param items at least one, all in the same currency */
    static Priced price(List<Item> items, @Nullable PromoCodeRow promo) {
        var subtotals = items.stream()
                .mapToLong(item -> Math.multiplyExact(item.ticketType().priceMinor(), (long) item.quantity()))
                .toArray();
        var discounts = new long[items.size()];
        if (promo != null) {
            var eligible = new long[items.size()];
            for (int i = 0; i < items.size(); i++) {
                eligible[i] = promo.appliesTo(items.get(i).ticketType().id()) ? subtotals[i] : 0;
            }
            if (promo.kind() == PromoKind.PERCENT) {
                for (int i = 0; i < items.size(); i++) {
                    discounts[i] = (eligible[i] * promo.percentOff() + 50) / 100;
                }
            } else {
                long eligibleTotal = 0;
                for (long e : eligible) {
                    eligibleTotal += e;
                }
                discounts = Allocation.proportional(Math.min(promo.amountOffMinor(), eligibleTotal), eligible);
            }
        }
        var lines = new ArrayList<Line>();
        for (int i = 0; i < items.size(); i++) {
            lines.add(new Line(items.get(i).ticketType(), items.get(i).quantity(), subtotals[i], discounts[i]));
        }
        return new Priced(items.getFirst().ticketType().currency(), lines, promo);
    }
}
