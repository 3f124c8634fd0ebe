package io.stagedoor.server.payments;

import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the two Stripe API endpoints the server calls (create a Checkout Session, create a refund),
 * because Stripe itself cannot be reached from here. It answers in Stripe's JSON shapes, records what it was sent,
 * and can fail on demand. Refunds behave as Stripe's do: a payment is refunded once (asking again is refused with
 * {@code charge_already_refunded}), and a request repeating an {@code Idempotency-Key} gets the first answer again
 * without refunding anything. It also signs webhook events the way Stripe does, so the server's real signature check
 * runs against them.
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_standin";
    public static final String WEBHOOK_SECRET =
            "whsec_standin_" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6});

    /** One API call received, with its form fields decoded. */
    record Call(String path, String authorization, Map<String, String> form) {}

    private final HttpServer http;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    /** The payment intents refunded, once each, in order. */
    private final List<String> refunded = new CopyOnWriteArrayList<>();
    /** The answer given to each idempotency key of a refund. */
    private final Map<String, String> refundAnswers = new ConcurrentHashMap<>();

    private volatile boolean refundsDown;

    public StripeStandIn() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    public String apiBase() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The next {@code count} calls answer 500, as Stripe does in an outage. */
    void failNext(int count) {
        failuresToServe.set(count);
    }

    /** While down, every refund is answered 503, as Stripe does in an outage; nothing is refunded. */
    void refundsDown(boolean down) {
        refundsDown = down;
    }

    /** The payment intents really refunded, in order; a replayed or refused request adds nothing. */
    List<String> refunded() {
        return List.copyOf(refunded);
    }

    private void handle(HttpExchange exchange) throws IOException {
        var form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var path = exchange.getRequestURI().getPath();
        calls.add(new Call(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), form));
        if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Stand-in outage\"}}");
            return;
        }
        switch (exchange.getRequestMethod() + " " + path) {
            case "POST /v1/checkout/sessions" -> {
                var id = "cs_test_standin_" + sessions.incrementAndGet();
                respond(exchange, 200, session(id, "unpaid", "open", null, form.get("client_reference_id")));
            }
            case "POST /v1/refunds" -> refund(exchange, form.get("payment_intent"));
            default ->
                respond(
                        exchange,
                        404,
                        "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized" + " request URL ("
                                + path + ")\"}}");
        }
    }

    private synchronized void refund(HttpExchange exchange, String paymentIntent) throws IOException {
        if (refundsDown) {
            respond(exchange, 503, "{\"error\":{\"type\":\"api_error\",\"message\":\"Stand-in outage\"}}");
            return;
        }
        var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && refundAnswers.containsKey(key)) {
            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            respond(exchange, 200, refundAnswers.get(key));
            return;
        }
        if (refunded.contains(paymentIntent)) {
            respond(exchange, 400, """
                    {"error":{"type":"invalid_request_error","code":"charge_already_refunded",
                     "message":"Charge for %s has already been refunded."}}
                    """.formatted(paymentIntent));
            return;
        }
        refunded.add(paymentIntent);
        var answer = """
                {"id":"re_standin_%d","object":"refund","status":"succeeded","payment_intent":"%s","amount":1}
                """.formatted(refunded.size(), paymentIntent);
        if (key != null) {
            refundAnswers.put(key, answer);
        }
        respond(exchange, 200, answer);
    }

    public static String session(String id, String paymentStatus, String status, String paymentIntent, String orderId) {
        return """
                {"id":"%s","object":"checkout.session","url":"https://checkout.stripe.test/c/pay/%s",
                 "payment_status":"%s","status":"%s","payment_intent":%s,"client_reference_id":"%s","livemode":false}
                """.formatted(
                id, id, paymentStatus, status, paymentIntent == null ? "null" : "\"" + paymentIntent + "\"", orderId);
    }

    /** A webhook event as Stripe sends it: its JSON, and the signature header over it with the webhook secret. */
    public record SignedEvent(String payload, String signature) {}

    public static SignedEvent event(String eventId, String type, String object) {
        var payload = """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
                 "type":"%s","data":{"object":%s}}
                """.formatted(eventId, Stripe.API_VERSION, Instant.now().getEpochSecond(), type, object);
        return new SignedEvent(payload, sign(payload, WEBHOOK_SECRET));
    }

    static String sign(String payload, String secret) {
        try {
            long timestamp = Instant.now().getEpochSecond();
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decode(String body) {
        var fields = new LinkedHashMap<String, String>();
        if (body.isEmpty()) {
            return fields;
        }
        for (var pair : body.split("&")) {
            int eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        var bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_standin");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
