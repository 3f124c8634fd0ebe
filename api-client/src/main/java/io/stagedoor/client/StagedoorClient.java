package io.stagedoor.client;

import io.stagedoor.api.ApiJson;
import io.stagedoor.api.Health;
import io.stagedoor.api.Problem;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed client for one Stagedoor server. Thread-safe; share one instance per server and close it when done.
 *
 * <pre>{@code
 * try (var client = StagedoorClient.builder("http://localhost:8080").build()) {
 *     Health health = client.health();
 * }
 * }</pre>
 */
public final class StagedoorClient implements AutoCloseable {

    private static final String API_PREFIX = "api/v1/";

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final JsonMapper json;

    private StagedoorClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.json = ApiJson.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout)
                .writeTimeout(builder.readTimeout)
                .callTimeout(builder.callTimeout)
                .addInterceptor(new UserAgentInterceptor(userAgent()))
                .addInterceptor(new SafeRetryInterceptor(builder.maxRetries, builder.retryBackoff))
                .build();
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl.toString());
    }

    /** The server this client talks to, always ending in {@code /}. */
    public URI baseUri() {
        return baseUrl.uri();
    }

    /**
     * {@code GET /api/v1/health}. A degraded server (HTTP 503) still answers with a {@link Health} body, which is
     * returned rather than thrown so that callers can show what is wrong.
     */
    public Health health() {
        return get("health", Health.class, Set.of(200, 503));
    }

    private <T> T get(String path, Class<T> type, Set<Integer> acceptedStatuses) {
        var request = new Request.Builder()
                .url(resolve(path))
                .get()
                .header("Accept", "application/json")
                .build();
        return execute(request, type, acceptedStatuses);
    }

    private HttpUrl resolve(String path) {
        return Objects.requireNonNull(baseUrl.resolve(API_PREFIX + path), path);
    }

    private <T> T execute(Request request, Class<T> type, Set<Integer> acceptedStatuses) {
        try (Response response = http.newCall(request).execute()) {
            var body = response.body();
            if (acceptedStatuses.contains(response.code())) {
                return json.readValue(body.byteStream(), type);
            }
            throw new ApiProblemException(readProblem(response));
        } catch (IOException e) {
            throw new ApiUnreachableException(
                    "Could not reach the Stagedoor server at " + baseUrl + " (" + describe(e)
                            + "). Check the address and that the server is running.",
                    e);
        } catch (JacksonException e) {
            throw new ApiUnreachableException(
                    "The server at " + baseUrl + " sent a response this client cannot read: is it a Stagedoor server"
                            + " of a compatible version? (" + e.getOriginalMessage() + ")",
                    e);
        }
    }

    private Problem readProblem(Response response) throws IOException {
        var contentType = response.header("Content-Type", "");
        var body = response.body().string();
        if (contentType.startsWith(Problem.MEDIA_TYPE) || contentType.startsWith("application/json")) {
            try {
                var problem = json.readValue(body, Problem.class);
                if (problem.status() != 0 && problem.title() != null) {
                    return problem;
                }
            } catch (JacksonException ignored) {
                // Not problem details after all; describe the raw response below.
            }
        }
        var reason = response.message().isBlank() ? "HTTP error" : response.message();
        var excerpt = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return Problem.ofStatus(
                response.code(),
                reason,
                "The server answered " + response.code() + " without problem details"
                        + (excerpt.isBlank() ? "." : ": " + excerpt),
                response.request().url().encodedPath());
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String userAgent() {
        var version = StagedoorClient.class.getPackage().getImplementationVersion();
        return "stagedoor-client/" + (version == null ? "dev" : version);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Settings for a {@link StagedoorClient}; the defaults suit an interactive desktop app. */
    public static final class Builder {
        private final HttpUrl baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(250);

        private Builder(String baseUrl) {
            this.baseUrl = parseBaseUrl(baseUrl);
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** The limit for a whole call, retries included. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /**
         * How often a safe call (GET, HEAD, PUT, DELETE, or any call with an {@code Idempotency-Key}) is retried
         * after a network failure or a 502/504 or a 503 with {@code Retry-After}; 0 disables retries.
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The first pause between retries; each further pause doubles it. */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        public StagedoorClient build() {
            return new StagedoorClient(this);
        }

        private static HttpUrl parseBaseUrl(String text) {
            var url = HttpUrl.parse(text.strip());
            if (url == null) {
                throw new IllegalArgumentException(
                        "Not a server address: \"" + text + "\". Use an address like http://localhost:8080");
            }
            return url.encodedPath().endsWith("/")
                    ? url
                    : url.newBuilder().addPathSegment("").build();
        }
    }
}
