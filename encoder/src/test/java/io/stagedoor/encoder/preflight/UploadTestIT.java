package io.stagedoor.encoder.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.stagedoor.encoder.EncoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upload test against a sink that implements the companion server's contract for {@code POST
 * /api/v1/bandwidth-test} (the encoder may not depend on the server), counting what it really receives, optionally
 * no faster than a set rate, which the real endpoint cannot be told to do. The real endpoint is exercised in
 * {@code io.stagedoor.app.broadcast.BroadcastToOwnIngestIT}.
 */
class UploadTestIT {

    private HttpServer sink;

    /** @param limitMbps the most the sink reads per second; 0 for as fast as it can */
    private URI startSink(double limitMbps) throws IOException {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/api/v1/bandwidth-test", exchange -> {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"Bearer good-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            long start = System.nanoTime();
            long bytes = 0;
            byte[] buffer = new byte[16 << 10];
            try (var in = exchange.getRequestBody()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bytes += n;
                    if (limitMbps > 0) {
                        long due = start + (long) (bytes * 8 / (limitMbps * 1e6) * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var json = String.format(
                    Locale.ROOT,
                    "{\"bytes\": %d, \"seconds\": %.3f, \"mbps\": %.3f}",
                    bytes,
                    seconds,
                    bytes * 8 / seconds / 1e6);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sink.start();
        return URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopSink() {
        if (sink != null) {
            sink.stop(0);
        }
    }

    @Test
    void aFastUploadIsSafeForTheRecommendedBitrate() throws IOException {
        var base = startSink(0);
        var result = new UploadTest(HttpClient.newHttpClient()).run(base, "good-token", Duration.ofSeconds(1));
        assertThat(result.bytes()).isGreaterThan(1_000_000);
        assertThat(result.mbps()).isCloseTo(result.bytes() * 8 / result.seconds() / 1e6, within(0.01 * result.mbps()));
        assertThat(result.requiredMbps()).isEqualTo(9.0);
        assertThat(result.safe()).isTrue();
    }

    @Test
    void anUploadThatOnlyJustCarriesSixMbpsIsNotSafe() throws IOException {
        var base = startSink(7.0);
        var result = new UploadTest(HttpClient.newHttpClient()).run(base, "good-token", Duration.ofSeconds(2));
        assertThat(result.mbps()).isBetween(5.0, 7.5);
        assertThat(result.safe()).isFalse();
    }

    @Test
    void aRefusedTokenAndAMissingServerAreClearFailures() throws IOException {
        var base = startSink(0);
        var test = new UploadTest(HttpClient.newHttpClient());
        assertThatThrownBy(() -> test.run(base, "stale-token", Duration.ofMillis(200)))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("refused the upload test (401)");
        sink.stop(0);
        sink = null;
        assertThatThrownBy(() -> test.run(base, "good-token", Duration.ofMillis(200)))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("could not reach " + base + "api/v1/bandwidth-test");
    }

    @Test
    void theAnswerIsReadAsTheContractSays() {
        var result = UploadTest.parse("{ \"mbps\": 12.5, \"bytes\": 15625000, \"seconds\": 10.0 }", 9.0);
        assertThat(result.bytes()).isEqualTo(15_625_000);
        assertThat(result.seconds()).isEqualTo(10.0);
        assertThat(result.mbps()).isEqualTo(12.5);
        assertThat(result.safe()).isTrue();
        assertThat(UploadTest.parse("{\"bytes\":1,\"seconds\":1,\"mbps\":8.99}", 9.0)
                        .safe())
                .isFalse();
        assertThatThrownBy(() -> UploadTest.parse("{\"bytes\": 1}", 9.0)).hasMessageContaining("lacks bytes");
    }
}
