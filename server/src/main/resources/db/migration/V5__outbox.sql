-- E-mail waiting to go out, written in the same transaction as what caused it (a payment), so that a crash
-- cannot lose it. A background worker delivers it with retries. Bodies of sent mail are erased.
CREATE TABLE outbox_message (
    id               UUID                     NOT NULL PRIMARY KEY,
    kind             VARCHAR(40)              NOT NULL,
    recipient        VARCHAR(254)             NOT NULL,
    subject          VARCHAR(300)             NOT NULL,
    text_body        VARCHAR(1000000),
    html_body        VARCHAR(1000000),
    attachment_name  VARCHAR(120),
    attachment_type  VARCHAR(120),
    attachment_body  VARCHAR(200000),
    status           VARCHAR(12)              NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'KEPT')),
    attempts         INTEGER DEFAULT 0        NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(2000),
    order_id         UUID REFERENCES orders (id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at);
CREATE INDEX outbox_message_by_order ON outbox_message (order_id);
