-- Why an order waiting for payment was cancelled. Only an order whose hold ran out (EXPIRED) may still be paid late;
-- a payment for any other cancelled order is given back. Orders cancelled before this column stay NULL: refunded too.
ALTER TABLE orders ADD COLUMN cancel_reason VARCHAR(12);
ALTER TABLE orders ADD CONSTRAINT orders_cancel_reason_known CHECK (
    cancel_reason IS NULL OR cancel_reason IN ('EXPIRED', 'ORGANISER', 'EVENT', 'NOT_STARTED'));

-- A refund the server owes: asked for by the organiser, by cancelling the event, or because a payment came for an
-- order that could no longer be sold. Written in the same transaction as its cause, so that nothing is lost when the
-- process dies; then tried until the provider confirms. While owed, refund_next_at says when the next try is due;
-- once the provider confirms it is NULL again and the order is REFUNDED.
ALTER TABLE orders ADD COLUMN refund_reason VARCHAR(200);
ALTER TABLE orders ADD COLUMN refund_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN refund_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE orders ADD COLUMN refund_next_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN refund_error VARCHAR(500);
CREATE INDEX orders_refunds_due ON orders (refund_next_at);
-- Refund notices name the payment, not the order.
CREATE INDEX orders_by_provider_payment ON orders (provider, provider_payment);

-- Each payment a provider confirmed or refunded, one row per payment. Every notice about a payment locks its row
-- first, so that a completion and a refund arriving together are applied one after the other; a refund reported
-- before its payment's completion is kept here (refunded_at) until the completion comes.
CREATE TABLE provider_payment (
    provider     VARCHAR(16)              NOT NULL,
    payment_id   VARCHAR(255)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    refunded_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (provider, payment_id)
);
