package io.stagedoor.encoder.meter;

import java.time.Duration;
import java.util.List;

/**
 * What the meter saw, at one instant.
 *
 * @param lastSecondKbps kilobits (1000 bits) per second over the last full second
 * @param lastTenSecondsKbps the average over the last ten full seconds (fewer at the start)
 * @param belowRecommendedFor how long the per-second rate has been below the recommended minimum, without a break
 * @param totalBytes every byte counted since the meter started
 * @param historyKbps one value per full second, oldest first, for graphs
 */
public record BitrateReading(
        double lastSecondKbps,
        double lastTenSecondsKbps,
        BitrateState state,
        Duration belowRecommendedFor,
        long totalBytes,
        List<Double> historyKbps) {

    public BitrateReading {
        historyKbps = List.copyOf(historyKbps);
    }
}
