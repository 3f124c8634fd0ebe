package io.stagedoor.server.sales;

import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.api.sales.QuoteRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A buyer's two ways in, as raw HTTP so that every status and header can be seen: the JSON checkout and price
 * check, and the event page's form. Each request comes from {@code address}, passed on as a trusted reverse proxy
 * would ({@code X-Forwarded-For}; the server must trust 127.0.0.1).
 */
record Storefront(URI server, String slug, UUID eventId, UUID ticketTypeId) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code POST /api/v1/checkout} for {@code quantity} seats with the test card. */
    HttpResponse<String> checkout(String address, int quantity, @Nullable String promoCode) throws Exception {
        var body = new CheckoutRequest(
                eventId,
                new Buyer("Buyer " + address, "buyer@example.org"),
                List.of(new CheckoutItem(ticketTypeId, quantity)),
                promoCode,
                new PaymentChoice("test", "4242 4242 4242 4242"));
        return json("api/v1/checkout", address, JSON.writeValueAsString(body));
    }

    /** {@code POST /api/v1/checkout/quote}. */
    HttpResponse<String> quote(String address, int quantity, @Nullable String promoCode) throws Exception {
        var body = new QuoteRequest(eventId, List.of(new CheckoutItem(ticketTypeId, quantity)), promoCode);
        return json("api/v1/checkout/quote", address, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> json(String path, String address, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.resolve(path))
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The event page's form, posted for a purchase ({@code step} "buy") or a price check ("quote"). */
    HttpResponse<String> form(String address, String step, int quantity, @Nullable String promoCode) throws Exception {
        var fields = new LinkedHashMap<String, String>();
        fields.put("idempotency-key", UUID.randomUUID().toString());
        fields.put("qty-" + ticketTypeId, Integer.toString(quantity));
        fields.put("buyer-name", "Form Buyer");
        fields.put("buyer-email", "form.buyer@example.org");
        fields.put("promo-code", promoCode == null ? "" : promoCode);
        fields.put("provider", "test");
        fields.put("test-card", "4242 4242 4242 4242");
        fields.put("step", step);
        var body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(
                HttpRequest.newBuilder(server.resolve("e/" + slug + "/checkout"))
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Sec-Fetch-Site", "same-origin")
                        .header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
