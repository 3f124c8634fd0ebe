package io.stagedoor.server.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.stagedoor.server.config.StripeConfig;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.ProviderUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe Checkout through the official SDK: the buyer pays on Stripe's page, and Stripe tells the server by a
 * signed webhook. Each order line becomes one Stripe line item carrying its exact total after discounts, so what
 * Stripe charges is to the cent what the server priced.
 */
public final class StripeProvider implements PaymentProvider {

    public static final String ID = "stripe";
    /** Stripe refuses Checkout Sessions that expire sooner than this. */
    static final Duration MIN_SESSION = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(StripeProvider.class);

    private final StripeClient stripe;
    private final String webhookSecret;
    private final Clock clock;
    private final Duration hold;

    public StripeProvider(StripeConfig config, Clock clock, Duration hold) {
        this.stripe = StripeClient.builder()
                .setApiKey(config.secretKey())
                .setApiBase(config.apiBase().replaceAll("/+$", ""))
                .setMaxNetworkRetries(2)
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                .build();
        this.webhookSecret = config.webhookSecret();
        this.clock = clock;
        this.hold = hold;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PaymentStart start(PaymentRequest request) {
        var currency = request.currency().toLowerCase(Locale.ROOT);
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomerEmail(request.buyerEmail())
                .setClientReferenceId(request.orderId().toString())
                .putMetadata("order_id", request.orderId().toString())
                .putMetadata("order_reference", request.reference())
                .setSuccessUrl(request.returnUrl().toString())
                .setCancelUrl(request.cancelUrl().toString())
                .setExpiresAt(clock.instant()
                        .plus(hold.compareTo(MIN_SESSION) < 0 ? MIN_SESSION : hold)
                        .getEpochSecond())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("order_id", request.orderId().toString())
                        .build());
        for (var line : request.lines()) {
            if (line.totalMinor() == 0) {
                continue;
            }
            params.addLineItem(SessionCreateParams.LineItem.builder()
                    .setQuantity(1L)
                    .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency)
                            .setUnitAmount(line.totalMinor())
                            .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName(line.quantity() + " × " + line.name() + " · " + request.eventTitle())
                                    .build())
                            .build())
                    .build());
        }
        try {
            var session = stripe.v1().checkout().sessions().create(params.build());
            return new PaymentStart.Redirect(URI.create(session.getUrl()), session.getId());
        } catch (StripeException e) {
            throw new ProviderUnavailableException(
                    "Stripe did not start the payment (" + e.getMessage() + "). Nothing was charged; try again.", e);
        }
    }

    @Override
    public void refund(String paymentId, long amountMinor, String currency, String idempotencyKey) {
        try {
            stripe.v1()
                    .refunds()
                    .create(
                            RefundCreateParams.builder()
                                    .setPaymentIntent(paymentId)
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey(idempotencyKey)
                                    .build());
        } catch (StripeException e) {
            if ("charge_already_refunded".equals(e.getCode())) {
                log.info("Stripe payment {} was already refunded", paymentId);
                return;
            }
            throw new ProviderUnavailableException("Stripe did not refund the payment: " + describe(e) + ".", e);
        }
    }

    /** What went wrong, in words for an organiser rather than a developer. */
    static String describe(StripeException e) {
        var stripesOwn = e.getStripeError() == null ? null : e.getStripeError().getMessage();
        return switch (e) {
            case ApiConnectionException c -> "Stripe could not be reached (no answer over the network)";
            case PermissionException p -> "this server's Stripe key may not make refunds";
            case AuthenticationException a ->
                "Stripe did not accept this server's secret key (payments.stripe.secret-key)";
            case RateLimitException r -> "Stripe asked to slow down, as too many requests reached it at once";
            case IdempotencyException i -> "Stripe is still working on an earlier try of this refund";
            case InvalidRequestException i ->
                "Stripe refused the refund" + (stripesOwn == null ? "" : " (\"" + stripesOwn + "\")");
            default ->
                e.getStatusCode() != null && e.getStatusCode() >= 500
                        ? "Stripe had a problem of its own (HTTP " + e.getStatusCode() + ")"
                        : "Stripe answered with an error" + (stripesOwn == null ? "" : " (\"" + stripesOwn + "\")");
        };
    }

    /**
     * Reads a webhook call, checking that Stripe signed it with this server's secret (and recently, against
     * replays).
     *
     * @throws InvalidInputException when the signature is missing or wrong
     */
    public PaymentNotification readWebhook(String payload, String signatureHeader) {
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, webhookSecret);
        } catch (SignatureVerificationException e) {
            throw InvalidInputException.of(
                    "Stripe-Signature", "does not match this server's webhook signing secret: " + e.getMessage());
        } catch (RuntimeException e) {
            throw InvalidInputException.of("body", "is not a Stripe event: " + e.getMessage());
        }
        return switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                var session = (Session) object(event);
                yield "paid".equals(session.getPaymentStatus())
                        ? new PaymentNotification(
                                event.getId(),
                                PaymentNotification.Kind.PAID,
                                session.getId(),
                                session.getPaymentIntent())
                        : ignored(event);
            }
            case "checkout.session.expired", "checkout.session.async_payment_failed" -> {
                var session = (Session) object(event);
                yield new PaymentNotification(event.getId(), PaymentNotification.Kind.EXPIRED, session.getId(), null);
            }
            case "charge.refunded" -> {
                var charge = (Charge) object(event);
                yield Boolean.TRUE.equals(charge.getRefunded())
                        ? new PaymentNotification(
                                event.getId(), PaymentNotification.Kind.REFUNDED, "", charge.getPaymentIntent())
                        : ignored(event);
            }
            default -> ignored(event);
        };
    }

    private static PaymentNotification ignored(Event event) {
        return new PaymentNotification(event.getId(), PaymentNotification.Kind.IGNORED, "", null);
    }

    /** The event's object, also when Stripe sends it in an API version other than the SDK's. */
    private static StripeObject object(Event event) {
        var deserializer = event.getDataObjectDeserializer();
        return deserializer.getObject().orElseGet(() -> {
            try {
                return deserializer.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                throw InvalidInputException.of(
                        "body", "holds a Stripe object this server cannot read: " + e.getMessage());
            }
        });
    }
}
