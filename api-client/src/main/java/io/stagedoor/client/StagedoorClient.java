package io.stagedoor.client;

import io.stagedoor.api.ApiJson;
import io.stagedoor.api.Health;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;

/**
 * Typed client for one Stagedoor server: one method per endpoint, grouped by feature ({@link #accounts()},
 * {@link #events()}, …). Thread-safe; share one instance per server and close it when done.
 *
 * <pre>{@code
 * try (var client = StagedoorClient.builder("http://localhost:8080").build()) {
 *     client.accounts().signIn(new SignInRequest("me@example.org", "…"));
 *     var event = client.events().create(draft);
 * }
 * }</pre>
 *
 * <p>After {@link Accounts#signIn} the client sends the session's token with every request;
 * {@link #withToken(String)} gives a client for another token over the same connections.
 */
public final class StagedoorClient implements AutoCloseable {

    private final Transport transport;
    private final BearerToken token;
    private final boolean ownsConnections;

    private StagedoorClient(Transport transport, BearerToken token, boolean ownsConnections) {
        this.transport = transport;
        this.token = token;
        this.ownsConnections = ownsConnections;
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl.toString());
    }

    /** The server this client talks to, always ending in {@code /}. */
    public URI baseUri() {
        return transport.baseUrl().uri();
    }

    /** The session token this client sends, if it is signed in. */
    public @Nullable String token() {
        return token.get();
    }

    /**
     * A client that sends {@code bearerToken} (or none, when null), sharing this one's connections. Closing it
     * leaves this client working.
     */
    public StagedoorClient withToken(@Nullable String bearerToken) {
        var sibling = new BearerToken(bearerToken);
        var http = transport.http().newBuilder();
        http.interceptors().removeIf(BearerToken.class::isInstance);
        http.interceptors().addFirst(sibling);
        return new StagedoorClient(new Transport(transport.baseUrl(), http.build(), transport.json()), sibling, false);
    }

    /**
     * {@code GET /api/v1/health}. A degraded server (HTTP 503) still answers with a {@link Health} body, which is
     * returned rather than thrown so that callers can show what is wrong.
     */
    public Health health() {
        return transport.call("GET", "health").send(Health.class, Set.of(200, 503));
    }

    /**
     * {@code GET /api/v1/admin/health}, for the platform administrator: the same as {@link #health()} with the
     * database's product, schema version and error, and the server's set-up warnings.
     */
    public Health adminHealth() {
        return transport.call("GET", "admin", "health").send(Health.class, Set.of(200, 503));
    }

    public Accounts accounts() {
        return new Accounts(transport, token);
    }

    public Events events() {
        return new Events(transport);
    }

    public TicketTypes ticketTypes() {
        return new TicketTypes(transport);
    }

    public PromoCodes promoCodes() {
        return new PromoCodes(transport);
    }

    public Checkout checkout() {
        return new Checkout(transport);
    }

    public Orders orders() {
        return new Orders(transport);
    }

    public Mail mail() {
        return new Mail(transport);
    }

    public Tickets tickets() {
        return new Tickets(transport);
    }

    public Streams streams() {
        return new Streams(transport);
    }

    @Override
    public void close() {
        if (ownsConnections) {
            transport.http().dispatcher().executorService().shutdown();
            transport.http().connectionPool().evictAll();
        }
    }

    private static String userAgent() {
        var version = StagedoorClient.class.getPackage().getImplementationVersion();
        return "stagedoor-client/" + (version == null ? "dev" : version);
    }

    /** Settings for a {@link StagedoorClient}; the defaults suit an interactive desktop app. */
    public static final class Builder {
        private final HttpUrl baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(250);
        private @Nullable String bearerToken;

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

        /** Starts signed in with a token from an earlier {@link Accounts#signIn}. */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        public StagedoorClient build() {
            var token = new BearerToken(bearerToken);
            var http = new OkHttpClient.Builder()
                    .connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .writeTimeout(readTimeout)
                    .callTimeout(callTimeout)
                    .addInterceptor(token)
                    .addInterceptor(new UserAgentInterceptor(userAgent()))
                    .addInterceptor(new SafeRetryInterceptor(maxRetries, retryBackoff))
                    .build();
            var json = ApiJson.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
            return new StagedoorClient(new Transport(baseUrl, http, json), token, true);
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
