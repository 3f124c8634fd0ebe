package io.stagedoor.app.internal;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * A bitrate over the last minute or so as a line, with the recommended 6 Mbps as a second, flat line. The window of
 * points is bounded; the chart is not animated and draws no symbols, so an update once a second costs little.
 */
public final class BitrateChart {

    /** Style class of the measured line's chart; the stylesheet colours it by {@code sd-meter-…} classes. */
    public static final String STYLE_CLASS = "sd-bitrate-chart";

    private final int window;
    private final double recommendedMbps;
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis mbps = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, mbps);
    private final XYChart.Series<Number, Number> measured = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> recommended = new XYChart.Series<>();

    /**
     * @param window how many values (one a second) are shown at most
     */
    public BitrateChart(String measuredName, String recommendedName, int window, double recommendedMbps) {
        this.window = window;
        this.recommendedMbps = recommendedMbps;
        measured.setName(measuredName);
        recommended.setName(recommendedName);
        time.setAutoRanging(false);
        time.setLowerBound(-(window - 1));
        time.setUpperBound(0);
        time.setTickUnit(10);
        time.setMinorTickVisible(false);
        mbps.setAutoRanging(false);
        mbps.setLowerBound(0);
        mbps.setUpperBound(recommendedMbps * 1.5);
        mbps.setTickUnit(2);
        mbps.setMinorTickVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setMinHeight(160);
        chart.setPrefHeight(200);
        chart.getStyleClass().add(STYLE_CLASS);
        chart.getData().add(measured);
        chart.getData().add(recommended);
        show(List.of());
    }

    public LineChart<Number, Number> node() {
        return chart;
    }

    /** Shows the newest {@code window} values, oldest first, in Mbps; the newest is at 0 s. */
    public void show(List<Double> valuesMbps) {
        int from = Math.max(0, valuesMbps.size() - window);
        var points = new ArrayList<XYChart.Data<Number, Number>>(valuesMbps.size() - from);
        double highest = recommendedMbps * 1.5;
        for (int i = from; i < valuesMbps.size(); i++) {
            double value = valuesMbps.get(i);
            highest = Math.max(highest, value * 1.1);
            points.add(new XYChart.Data<>(i - (valuesMbps.size() - 1), value));
        }
        measured.getData().setAll(points);
        mbps.setUpperBound(Math.ceil(highest / 2) * 2);
        recommended
                .getData()
                .setAll(List.of(
                        new XYChart.Data<>(-(window - 1), recommendedMbps), new XYChart.Data<>(0, recommendedMbps)));
    }

    /** How many values the measured line shows. */
    public int pointCount() {
        return measured.getData().size();
    }
}
