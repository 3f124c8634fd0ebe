package io.stagedoor.server.sales;

import io.stagedoor.api.sales.Order;
import io.stagedoor.api.sales.OrderLine;
import io.stagedoor.api.sales.OrderRefund;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.QuoteLine;
import io.stagedoor.api.sales.Receipt;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * An order as stored, with its lines.
 *
 * @param cancelReason why it was cancelled while waiting for payment; null when it was not, or before this was kept
 * @param refundReason why its money goes or went back; null when no refund was decided here
 * @param refundNextAt while a refund is owed, when the next try is due; null otherwise
 */
record OrderRow(
        UUID id,
        String reference,
        UUID eventId,
        OrderStatus status,
        String buyerName,
        String buyerEmail,
        String currency,
        long subtotalMinor,
        long discountMinor,
        long totalMinor,
        @Nullable Integer feeBasisPoints,
        @Nullable Long feeMinor,
        @Nullable Long netMinor,
        @Nullable UUID promoCodeId,
        @Nullable String promoCode,
        String provider,
        @Nullable String providerReference,
        @Nullable String providerPayment,
        String accessTokenHash,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant paidAt,
        @Nullable Instant cancelledAt,
        @Nullable Instant refundedAt,
        @Nullable CancelReason cancelReason,
        @Nullable String refundReason,
        @Nullable Instant refundRequestedAt,
        int refundAttempts,
        @Nullable Instant refundNextAt,
        @Nullable String refundError,
        List<OrderLine> lines) {

    /** Why an order waiting for payment was cancelled: only one whose hold ran out may still be paid late. */
    enum CancelReason {
        /** Its hold ended, or the payment page expired, before the buyer paid. */
        EXPIRED("its hold ended before the payment came"),
        /** The organiser cancelled it. */
        ORGANISER("the organiser cancelled it"),
        /** Its event was cancelled. */
        EVENT("its event was cancelled"),
        /** The payment did not start (declined, or the provider failed). */
        NOT_STARTED("its payment did not start");

        final String words;

        CancelReason(String words) {
            this.words = words;
        }
    }

    /** Whether a refund is owed and the provider has not confirmed it yet. */
    boolean refundOwed() {
        return refundNextAt != null && status != OrderStatus.REFUNDED;
    }

    private static final String SELECT = """
            SELECT o.*, p.code AS promo_code FROM orders o LEFT JOIN promo_code p ON p.id = o.promo_code_id
            """;

    static OrderRow load(Handle handle, UUID orderId, boolean forUpdate) {
        if (forUpdate) {
            // Locks the order row alone: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
            handle.createQuery("SELECT id FROM orders WHERE id = :id FOR UPDATE")
                    .bind("id", orderId)
                    .mapTo(UUID.class)
                    .findOne();
        }
        return handle.createQuery(SELECT + " WHERE o.id = :id")
                .bind("id", orderId)
                .map((rs, ctx) -> map(rs, lines(handle, orderId)))
                .findOne()
                .orElseThrow(() -> new NotFoundException("There is no order " + orderId + "."));
    }

    /** The orders of an event, newest first. */
    static List<OrderRow> ofEvent(Handle handle, UUID eventId, @Nullable OrderStatus status, int limit, long offset) {
        return handle.createQuery(SELECT
                        + " WHERE o.event_id = :event" + (status == null ? "" : " AND o.status = :status")
                        + " ORDER BY o.created_at DESC, o.id LIMIT :limit OFFSET :offset")
                .bind("event", eventId)
                .bind("status", status == null ? "" : status.name())
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs, lines(handle, Sql.uuid(rs, "id"))))
                .list();
    }

    private static List<OrderLine> lines(Handle handle, UUID orderId) {
        return handle.createQuery("""
                        SELECT l.* FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id
                        WHERE l.order_id = :order ORDER BY t.sort_order, t.id
                        """)
                .bind("order", orderId)
                .map((rs, ctx) -> new OrderLine(
                        Sql.uuid(rs, "ticket_type_id"),
                        rs.getString("ticket_type_name"),
                        rs.getInt("quantity"),
                        rs.getLong("unit_price_minor"),
                        rs.getLong("subtotal_minor"),
                        rs.getLong("discount_minor"),
                        rs.getLong("total_minor"),
                        Sql.nullableLong(rs, "fee_minor")))
                .list();
    }

    private static OrderRow map(ResultSet rs, List<OrderLine> lines) throws SQLException {
        return new OrderRow(
                Sql.uuid(rs, "id"),
                rs.getString("reference"),
                Sql.uuid(rs, "event_id"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("buyer_name"),
                rs.getString("buyer_email"),
                rs.getString("currency"),
                rs.getLong("subtotal_minor"),
                rs.getLong("discount_minor"),
                rs.getLong("total_minor"),
                Sql.nullableInt(rs, "fee_basis_points"),
                Sql.nullableLong(rs, "fee_minor"),
                Sql.nullableLong(rs, "net_minor"),
                Sql.nullableUuid(rs, "promo_code_id"),
                rs.getString("promo_code"),
                rs.getString("provider"),
                rs.getString("provider_reference"),
                rs.getString("provider_payment"),
                rs.getString("access_token_hash"),
                Sql.instant(rs, "created_at"),
                Sql.nullableInstant(rs, "expires_at"),
                Sql.nullableInstant(rs, "paid_at"),
                Sql.nullableInstant(rs, "cancelled_at"),
                Sql.nullableInstant(rs, "refunded_at"),
                rs.getString("cancel_reason") == null ? null : CancelReason.valueOf(rs.getString("cancel_reason")),
                rs.getString("refund_reason"),
                Sql.nullableInstant(rs, "refund_requested_at"),
                rs.getInt("refund_attempts"),
                Sql.nullableInstant(rs, "refund_next_at"),
                rs.getString("refund_error"),
                lines);
    }

    Order toApi() {
        return new Order(
                id,
                reference,
                eventId,
                status,
                buyerName,
                buyerEmail,
                currency,
                lines,
                subtotalMinor,
                discountMinor,
                totalMinor,
                feeBasisPoints,
                feeMinor,
                netMinor,
                promoCode,
                provider,
                createdAt,
                paidAt,
                cancelledAt,
                refundedAt,
                refundReason == null || refundRequestedAt == null
                        ? null
                        : new OrderRefund(
                                refundReason,
                                refundRequestedAt,
                                refundOwed(),
                                refundAttempts,
                                refundOwed() ? refundError : null,
                                refundOwed() ? refundNextAt : null));
    }

    Receipt toReceipt(String eventTitle) {
        return new Receipt(
                id,
                reference,
                status,
                eventId,
                eventTitle,
                buyerName,
                buyerEmail,
                currency,
                lines.stream()
                        .map(l -> new QuoteLine(
                                l.ticketTypeId(),
                                l.ticketTypeName(),
                                l.quantity(),
                                l.unitPriceMinor(),
                                l.subtotalMinor(),
                                l.discountMinor(),
                                l.totalMinor()))
                        .toList(),
                subtotalMinor,
                discountMinor,
                totalMinor,
                promoCode,
                createdAt,
                paidAt,
                refundOwed());
    }
}
