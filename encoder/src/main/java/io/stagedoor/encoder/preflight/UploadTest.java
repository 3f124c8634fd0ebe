package io.stagedoor.encoder.preflight;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.Preset;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The pre-flight upload test: streams incompressible bytes to the companion server for a while and reads back what
 * the server received. The contract: {@code POST {serverBaseUrl}api/v1/bandwidth-test} with {@code Authorization:
 * Bearer <token>} and an {@code application/octet-stream} body; the server answers {@code 200} with JSON {@code
 * {"bytes": long, "seconds": double, "mbps": double}}. The server's count is the one that matters: bytes still in our
 * socket buffer were not uploaded.
 */
public final class UploadTest {

    /** How much faster than the recommended bitrate the upload must be to call it safe. */
    public static final double HEADROOM = 1.5;
    /** Long enough to get past TCP's slow start and a burst allowance of the link. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    private static final Pattern NUMBER_FIELD =
            Pattern.compile("\"(bytes|seconds|mbps)\"\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)");

    private final HttpClient client;

    public UploadTest(HttpClient client) {
        this.client = client;
    }

    /**
     * @param serverBaseUrl the server's base URL, ending in {@code /}
     * @throws EncoderException when the server cannot be reached, refuses the token or answers something else
     */
    public UploadTestResult run(URI serverBaseUrl, String token, Duration duration) {
        var uri = serverBaseUrl.resolve("api/v1/bandwidth-test");
        var request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .timeout(duration.plusSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new TimedRandomStream(duration)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EncoderException("The upload test could not reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("The upload test was interrupted", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new EncoderException("The server refused the upload test (" + response.statusCode()
                    + "): sign in again to get a valid token.");
        }
        if (response.statusCode() != 200) {
            throw new EncoderException("The upload test failed: the server answered " + response.statusCode() + " "
                    + abbreviate(response.body()));
        }
        return parse(response.body(), Preset.RECOMMENDED_MINIMUM_KBPS / 1000.0 * HEADROOM);
    }

    static UploadTestResult parse(String json, double requiredMbps) {
        Long bytes = null;
        Double seconds = null;
        Double mbps = null;
        var matcher = NUMBER_FIELD.matcher(json);
        while (matcher.find()) {
            switch (matcher.group(1)) {
                case "bytes" -> bytes = (long) Double.parseDouble(matcher.group(2));
                case "seconds" -> seconds = Double.parseDouble(matcher.group(2));
                default -> mbps = Double.parseDouble(matcher.group(2));
            }
        }
        if (bytes == null || seconds == null || mbps == null) {
            throw new EncoderException(
                    "The server's answer to the upload test lacks bytes, seconds or mbps: " + abbreviate(json));
        }
        return new UploadTestResult(bytes, seconds, mbps, requiredMbps);
    }

    private static String abbreviate(String body) {
        var oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }

    /** Random bytes (so no proxy can compress them) until the time is up. */
    private static final class TimedRandomStream extends InputStream {
        private final long endNanos;
        private final byte[] block = new byte[64 << 10];
        private int position = block.length;

        TimedRandomStream(Duration duration) {
            this.endNanos = System.nanoTime() + duration.toNanos();
            new Random().nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (System.nanoTime() >= endNanos) {
                return -1;
            }
            if (position == block.length) {
                position = 0;
                // Rotating the block is enough to defeat compression and deduplication.
                block[0]++;
            }
            int n = Math.min(len, block.length - position);
            System.arraycopy(block, position, b, off, n);
            position += n;
            return n;
        }
    }
}
