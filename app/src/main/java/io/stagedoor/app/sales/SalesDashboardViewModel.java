package io.stagedoor.app.sales;

import io.stagedoor.api.sales.DaySales;
import io.stagedoor.api.sales.SalesReport;
import io.stagedoor.app.internal.LatestOnly;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Money;
import io.stagedoor.app.shell.Workspace;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The selected event's sales: tickets over time and revenue (gross, discount, fee, net). Refreshes are coalesced
 * ({@link LatestOnly}): however often they are asked for, one report is in flight at a time and the figures change
 * once per answer.
 */
public final class SalesDashboardViewModel {

    private final Workspace workspace;
    private final Messages messages;
    private final LatestOnly<Loaded> loader;
    private final ReadOnlyLongWrapper tickets = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper grossMinor = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper ticketsText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper orders = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper gross = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper discount = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper fee = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper net = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper refunds = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<TicketsOnDay> ticketsOverTime = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<TicketsOnDay> ticketsOverTimeView =
            FXCollections.unmodifiableObservableList(ticketsOverTime);
    private final ObservableList<RevenuePart> revenue = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<RevenuePart> revenueView = FXCollections.unmodifiableObservableList(revenue);

    public SalesDashboardViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.messages = workspace.messages();
        this.loader = new LatestOnly<>(workspace.tasks(), this::load, this::show, message::set);
        workspace.selectedEvent().addListener((obs, old, event) -> clear());
    }

    /** Tickets sold (paid, not refunded). */
    public ReadOnlyLongProperty ticketsProperty() {
        return tickets.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty grossMinorProperty() {
        return grossMinor.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ticketsTextProperty() {
        return ticketsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ordersProperty() {
        return orders.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty grossProperty() {
        return gross.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty discountProperty() {
        return discount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feeProperty() {
        return fee.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty netProperty() {
        return net.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty refundsProperty() {
        return refunds.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** One point per day with sales, oldest first; read-only. */
    public ObservableList<TicketsOnDay> ticketsOverTime() {
        return ticketsOverTimeView;
    }

    /** Gross, discount, fee, net; read-only. */
    public ObservableList<RevenuePart> revenue() {
        return revenueView;
    }

    /** Asks for fresh figures; calls during a running request fold into one more. */
    public void refresh() {
        if (workspace.events().selected() != null) {
            loader.request();
        }
    }

    private @Nullable Loaded load() {
        var event = workspace.events().selected();
        return event == null
                ? null
                : new Loaded(event.id(), workspace.client().orders().report(event.id()));
    }

    private void show(@Nullable Loaded loaded) {
        var event = workspace.events().selected();
        if (loaded == null || event == null || !event.id().equals(loaded.eventId())) {
            return;
        }
        var report = loaded.report();
        var total = report.total();
        var currency = report.currency();
        var locale = messages.locale();
        message.set("");
        tickets.set(total.tickets());
        grossMinor.set(total.grossMinor());
        ticketsText.set(Long.toString(total.tickets()));
        orders.set(Long.toString(total.orders()));
        gross.set(Money.format(total.grossMinor(), currency, locale));
        discount.set(Money.format(total.discountMinor(), currency, locale));
        fee.set(Money.format(total.feeMinor(), currency, locale));
        net.set(Money.format(total.netMinor(), currency, locale));
        refunds.set(messages.format(
                "sales.refunds", report.refundedOrders(), Money.format(report.refundedMinor(), currency, locale)));
        // Charts are redrawn only when their data changed, not on every refresh.
        var days = overTime(report.byDay());
        if (!ticketsOverTime.equals(days)) {
            ticketsOverTime.setAll(days);
        }
        var parts = List.of(
                new RevenuePart(messages.get("sales.gross"), major(total.grossMinor(), currency)),
                new RevenuePart(messages.get("sales.discount"), major(total.discountMinor(), currency)),
                new RevenuePart(messages.get("sales.fee"), major(total.feeMinor(), currency)),
                new RevenuePart(messages.get("sales.net"), major(total.netMinor(), currency)));
        if (!revenue.equals(parts)) {
            revenue.setAll(parts);
        }
    }

    static List<TicketsOnDay> overTime(List<DaySales> days) {
        var sorted = new ArrayList<>(days);
        sorted.sort(Comparator.comparing(DaySales::day));
        var points = new ArrayList<TicketsOnDay>(sorted.size());
        long cumulative = 0;
        for (var day : sorted) {
            cumulative += day.figures().tickets();
            points.add(new TicketsOnDay(day.day(), day.figures().tickets(), cumulative));
        }
        return points;
    }

    private static double major(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).doubleValue();
    }

    private void clear() {
        tickets.set(0);
        grossMinor.set(0);
        for (var text : List.of(ticketsText, orders, gross, discount, fee, net, refunds)) {
            text.set("—");
        }
        message.set("");
        ticketsOverTime.clear();
        revenue.clear();
    }

    private record Loaded(UUID eventId, SalesReport report) {}
}
