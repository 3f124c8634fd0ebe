package io.stagedoor.app.sales;

import io.stagedoor.app.internal.Forms;
import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Key figures on cards, tickets over time as a line, revenue as bars. */
public final class SalesDashboardView {

    private final ScrollPane root;

    public SalesDashboardView(SalesDashboardViewModel model, Messages messages) {
        var title = new Label(messages.get("sales.title"));
        title.getStyleClass().add(Styles.TITLE);
        var figures = new FlowPane(12, 12);
        figures.getChildren()
                .addAll(
                        figure("salesTickets", messages.get("sales.tickets"), model.ticketsTextProperty()),
                        figure("salesOrders", messages.get("sales.orders"), model.ordersProperty()),
                        figure("salesGross", messages.get("sales.gross"), model.grossProperty()),
                        figure("salesDiscount", messages.get("sales.discount"), model.discountProperty()),
                        figure("salesFee", messages.get("sales.fee"), model.feeProperty()),
                        figure("salesNet", messages.get("sales.net"), model.netProperty()));

        var days = new CategoryAxis();
        days.setLabel(messages.get("sales.day"));
        var count = new NumberAxis();
        count.setLabel(messages.get("sales.tickets"));
        count.setMinorTickVisible(false);
        // A line with its points: a single day of sales still shows.
        var overTime = new LineChart<>(days, count);
        overTime.setCreateSymbols(true);
        overTime.setId("ticketsOverTime");
        overTime.setTitle(messages.get("sales.ticketsOverTime"));
        overTime.setLegendVisible(false);
        overTime.setAnimated(false);
        var ticketSeries = new XYChart.Series<String, Number>();
        overTime.getData().add(ticketSeries);
        model.ticketsOverTime().addListener((ListChangeListener<TicketsOnDay>) change -> ticketSeries
                .getData()
                .setAll(model.ticketsOverTime().stream()
                        .map(p -> new XYChart.Data<String, Number>(p.day().toString(), p.cumulative()))
                        .toList()));

        var parts = new CategoryAxis();
        var amount = new NumberAxis();
        amount.setLabel(messages.get("sales.amount"));
        var revenue = new BarChart<>(parts, amount);
        revenue.setId("revenueChart");
        revenue.setTitle(messages.get("sales.revenue"));
        revenue.setLegendVisible(false);
        revenue.setAnimated(false);
        var revenueSeries = new XYChart.Series<String, Number>();
        revenue.getData().add(revenueSeries);
        model.revenue().addListener((ListChangeListener<RevenuePart>) change -> revenueSeries
                .getData()
                .setAll(model.revenue().stream()
                        .map(p -> new XYChart.Data<String, Number>(p.label(), p.amount()))
                        .toList()));

        var charts = new HBox(12, overTime, revenue);
        HBox.setHgrow(overTime, Priority.ALWAYS);
        HBox.setHgrow(revenue, Priority.ALWAYS);
        var content = new VBox(
                12,
                title,
                figures,
                Forms.value("salesRefunds", model.refundsProperty()),
                charts,
                Forms.message("salesMessage", model.messageProperty()));
        content.setPadding(new Insets(16));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
    }

    public Node root() {
        return root;
    }

    private static VBox figure(String id, String name, ObservableStringValue value) {
        var label = new Label(name);
        label.getStyleClass().add(Styles.FIELD_LABEL);
        var number = Forms.value(id, value);
        number.getStyleClass().add(Styles.FIGURE_VALUE);
        var card = new VBox(4, label, number);
        card.getStyleClass().addAll(Styles.CARD, Styles.FIGURE);
        card.setMinWidth(130);
        return card;
    }
}
