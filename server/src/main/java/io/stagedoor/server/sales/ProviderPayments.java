package io.stagedoor.server.sales;

import io.stagedoor.server.db.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One row per payment a provider told us about. Every notice about a payment locks its row before it touches the
 * order, so that a completion and a refund arriving at the same moment are applied one after the other, in either
 * order; and a refund reported before the completion is kept here until the completion comes.
 */
final class ProviderPayments {

    private ProviderPayments() {}

    /**
     * Locks the payment's row, making it when this is the first notice about the payment; a concurrent first notice
     * waits here for the other to commit. Returns when the provider reported the payment refunded, if it did.
     */
    static Optional<Instant> lock(Handle handle, String provider, String paymentId, Instant now) {
        handle.createUpdate("""
                        INSERT INTO provider_payment (provider, payment_id, created_at) VALUES (:provider, :payment, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("provider", provider)
                .bind("payment", paymentId)
                .bind("now", Sql.time(now))
                .execute();
        return handle.createQuery("""
                        SELECT refunded_at FROM provider_payment WHERE provider = :provider AND payment_id = :payment
                        FOR UPDATE
                        """)
                .bind("provider", provider)
                .bind("payment", paymentId)
                .map((rs, ctx) -> Optional.ofNullable(Sql.nullableInstant(rs, "refunded_at")))
                .one();
    }

    /** Records, under the row's lock, that the provider reported the payment refunded. */
    static void markRefunded(Handle handle, String provider, String paymentId, Instant now) {
        lock(handle, provider, paymentId, now);
        handle.createUpdate("""
                        UPDATE provider_payment SET refunded_at = :now
                        WHERE provider = :provider AND payment_id = :payment AND refunded_at IS NULL
                        """)
                .bind("provider", provider)
                .bind("payment", paymentId)
                .bind("now", Sql.time(now))
                .execute();
    }
}
