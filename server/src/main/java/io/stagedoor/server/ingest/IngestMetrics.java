package io.stagedoor.server.ingest;

import io.javalin.http.Context;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.local.LocalOnly;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Prometheus metrics at {@code /metrics}, in the text exposition format: for each live stream its bitrate, frame
 * rate, keyframe interval, viewers, packaging lag and alerts. Open to this machine at a loopback name
 * ({@link LocalOnly}); otherwise only with {@code Authorization: Bearer <metrics.token>} when a token is configured.
 */
final class IngestMetrics {

    private final IngestService ingest;
    private final String token;

    IngestMetrics(IngestService ingest, String token) {
        this.ingest = ingest;
        this.token = token;
    }

    void serve(Context ctx) {
        if (!allowed(ctx)) {
            throw new NotFoundException("Metrics are served to this machine, or with the configured metrics token.");
        }
        var out = new StringBuilder();
        gauge(out, "stagedoor_live_streams", "Streams with a publisher now.");
        out.append("stagedoor_live_streams ")
                .append(ingest.streams().stream()
                        .filter(s -> s.state() == StreamState.LIVE)
                        .count())
                .append('\n');
        var healths =
                ingest.streams().stream().map(s -> ingest.health(s.eventId())).toList();
        series(
                out,
                healths,
                "stagedoor_stream_bitrate_bits",
                "Received bits per second over 10 s.",
                h -> h.bitrate10s());
        series(out, healths, "stagedoor_stream_frame_rate", "Video frames per second.", h -> h.frameRate());
        series(
                out,
                healths,
                "stagedoor_stream_keyframe_interval_seconds",
                "Seconds between keyframes.",
                h -> h.keyframeIntervalSeconds());
        series(out, healths, "stagedoor_stream_viewers", "Viewers in the last 30 s.", h -> h.viewers());
        series(out, healths, "stagedoor_stream_reconnects", "Publishes after the first.", h -> h.reconnects());
        series(
                out,
                healths,
                "stagedoor_stream_alerts",
                "Alerts standing now.",
                h -> h.alerts().size());
        gauge(out, "stagedoor_rendition_packaging_lag_seconds", "From a segment's media arriving to it being ready.");
        for (var h : healths) {
            for (var r : h.renditions()) {
                out.append(String.format(
                        Locale.ROOT,
                        "stagedoor_rendition_packaging_lag_seconds{event=\"%s\",rendition=\"%s\"} %.3f%n",
                        h.eventId(),
                        r.name(),
                        r.packagingLagMillis() / 1000.0));
            }
        }
        ctx.header("Cache-Control", "no-store")
                .contentType("text/plain; version=0.0.4")
                .result(out.toString());
    }

    private static void gauge(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void series(
            StringBuilder out,
            java.util.List<io.stagedoor.api.live.StreamHealth> healths,
            String name,
            String help,
            java.util.function.ToDoubleFunction<io.stagedoor.api.live.StreamHealth> value) {
        gauge(out, name, help);
        for (var h : healths) {
            out.append(String.format(
                    Locale.ROOT, "%s{event=\"%s\"} %s%n", name, h.eventId(), format(value.applyAsDouble(h))));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private boolean allowed(Context ctx) {
        var header = ctx.header("Authorization");
        if (!token.isBlank() && header != null && header.startsWith("Bearer ")) {
            return MessageDigest.isEqual(
                    header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }
        return LocalOnly.allows(ctx);
    }
}
