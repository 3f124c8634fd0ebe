package io.stagedoor.server.sales;

import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.payments.PaymentNotification;
import io.stagedoor.server.payments.StripeProvider;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What payment providers tell the server after the buyer left: paid, abandoned, refunded elsewhere. Each notice
 * is verified by its provider, acted on at most once, and every action is safe to repeat, so that a provider's
 * redelivery changes nothing; notices may come in any order (see {@link OrderLifecycle#markPaid} and
 * {@link OrderLifecycle#paymentRefunded}).
 */
public final class PaymentNotifications {

    private static final Logger log = LoggerFactory.getLogger(PaymentNotifications.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderLifecycle lifecycle;
    private final @Nullable StripeProvider stripe;

    public PaymentNotifications(Jdbi jdbi, Clock clock, OrderLifecycle lifecycle, @Nullable StripeProvider stripe) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.stripe = stripe;
    }

    /** A call to the Stripe webhook: the raw body and its {@code Stripe-Signature} header. */
    public void stripe(String payload, @Nullable String signature) {
        if (stripe == null) {
            throw new NotFoundException("Stripe is not set up on this server (payments.stripe.secret-key).");
        }
        if (signature == null || signature.isBlank()) {
            throw InvalidInputException.of("Stripe-Signature", "must be given: only Stripe may call this address");
        }
        handle(StripeProvider.ID, stripe.readWebhook(payload, signature));
    }

    void handle(String provider, PaymentNotification notice) {
        if (alreadyHandled(provider, notice.id())) {
            return;
        }
        switch (notice.kind()) {
            case PAID ->
                orderBy(provider, "provider_reference", notice.reference())
                        .ifPresentOrElse(
                                orderId -> lifecycle.markPaid(orderId, notice.paymentId()),
                                () -> log.warn(
                                        "{} reported a payment for unknown reference {}",
                                        provider,
                                        notice.reference()));
            case EXPIRED ->
                orderBy(provider, "provider_reference", notice.reference())
                        .ifPresent(orderId -> lifecycle.cancelPending(
                                orderId, OrderRow.CancelReason.EXPIRED, "the payment page expired"));
            case REFUNDED -> {
                if (notice.paymentId() != null && !notice.paymentId().isEmpty()) {
                    lifecycle.paymentRefunded(provider, notice.paymentId());
                }
            }
            case IGNORED -> {
                // Nothing to do; remembered so that a redelivery is not looked at again.
            }
        }
        jdbi.useHandle(handle -> {
            try {
                handle.createUpdate(
                                "INSERT INTO payment_notification (provider, external_id, received_at) VALUES (:p, :id, :now)")
                        .bind("p", provider)
                        .bind("id", notice.id())
                        .bind("now", Sql.time(clock.instant()))
                        .execute();
            } catch (RuntimeException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
        });
    }

    private boolean alreadyHandled(String provider, String id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                                "SELECT COUNT(*) FROM payment_notification WHERE provider = :p AND external_id = :id")
                        .bind("p", provider)
                        .bind("id", id)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    private Optional<UUID> orderBy(String provider, String column, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT id FROM orders WHERE provider = :p AND " + column + " = :value")
                        .bind("p", provider)
                        .bind("value", value)
                        .mapTo(UUID.class)
                        .findOne());
    }
}
