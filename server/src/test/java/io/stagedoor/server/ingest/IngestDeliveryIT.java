package io.stagedoor.server.ingest;

import static io.stagedoor.server.testing.Organisers.eventOnSale;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.live.StreamState;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What technicians and encoders get besides playlists: RTMPS, the health page and its events, metrics, upload tests. */
class IngestDeliveryIT {

    private static final Path KEY_STORE = selfSignedKeyStore();

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(
            TestDatabase.H2,
            "--ingest.ladder=",
            "--ingest.rtmps.port=0",
            "--ingest.rtmps.key-store=" + KEY_STORE,
            "--ingest.rtmps.key-store-password=changeit");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path logs;

    @Test
    void overRtmpsTheHealthPageItsEventsAndTheMetricsFollowTheStream() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Tech Tina");
        var event = eventOnSale(organiser, "Bands & <Friends>");
        var endpoint = organiser.streams().endpoint(event.id());
        assertThat(endpoint.secureServerUrl()).matches("rtmps://127\\.0\\.0\\.1:\\d+/live");

        var publisher = Publishers.publish(
                endpoint.secureServerUrl() + "/" + endpoint.streamKey(),
                Publishers.pattern(640, 360, 6000, 12),
                logs.resolve("rtmps.log"));
        try {
            Eventually.until(
                    "live over RTMPS",
                    Duration.ofSeconds(10),
                    () -> organiser.streams().health(event.id()).state() == StreamState.LIVE);

            var page = HTTP.send(
                    HttpRequest.newBuilder(URI.create(endpoint.healthPageUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Bands &amp; &lt;Friends&gt;").doesNotContain("<Friends>");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));

            // The page's own event stream, behind the same token.
            var firstEvent = firstEvent(URI.create(endpoint.healthPageUrl() + "/events"));
            assertThat(firstEvent).startsWith("event: health").contains("\"state\":\"LIVE\"");

            var tampered = endpoint.healthPageUrl()
                    .replaceFirst("\\.[A-Za-z0-9_-]{22}/health$", ".AAAAAAAAAAAAAAAAAAAAAA/health");
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(URI.create(tampered)).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(403);

            Eventually.until("metrics with a bitrate", Duration.ofSeconds(10), () -> {
                var metrics = LiveIngestIT.get(server.baseUri() + "metrics");
                return metrics.contains("stagedoor_stream_bitrate_bits{event=\"" + event.id() + "\"} ")
                        && !metrics.contains("stagedoor_stream_bitrate_bits{event=\"" + event.id() + "\"} 0\n");
            });
            assertThat(LiveIngestIT.get(server.baseUri() + "metrics"))
                    .contains("# TYPE stagedoor_stream_frame_rate gauge")
                    .contains("stagedoor_live_streams 1");
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theUploadTestMeasuresWhatArrivesAndOnlyForSignedInCallers() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Uplink Ursula");
        var body = new byte[8 * 1024 * 1024];
        var url = URI.create(server.baseUri() + "api/v1/bandwidth-test");
        var answer = HTTP.send(
                HttpRequest.newBuilder(url)
                        .header("Authorization", "Bearer " + organiser.token())
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"bytes\":" + body.length).contains("\"mbps\":");

        var stranger = HTTP.send(
                HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.body()).contains("Bearer");
    }

    private static String firstEvent(URI uri) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            var event = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() && !event.isEmpty()) {
                    return event.toString();
                }
                event.append(line).append('\n');
            }
            return event.toString();
        }
    }

    private static Path selfSignedKeyStore() {
        try {
            var dir = Files.createTempDirectory("stagedoor-rtmps-");
            var store = dir.resolve("ingest.p12");
            var keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            var process = new ProcessBuilder(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            "ingest",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=127.0.0.1",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            "changeit",
                            "-keypass",
                            "changeit")
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
