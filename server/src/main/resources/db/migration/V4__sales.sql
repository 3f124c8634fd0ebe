-- Orders, their lines and tickets. Amounts are whole minor units of the order's currency.
CREATE TABLE orders (
    id                  UUID                     NOT NULL PRIMARY KEY,
    reference           VARCHAR(16)              NOT NULL UNIQUE,
    event_id            UUID                     NOT NULL REFERENCES event (id),
    status              VARCHAR(12)              NOT NULL CHECK (status IN ('PENDING', 'PAID', 'CANCELLED', 'REFUNDED')),
    buyer_name          VARCHAR(200)             NOT NULL,
    buyer_email         VARCHAR(254)             NOT NULL,
    currency            CHAR(3)                  NOT NULL,
    subtotal_minor      BIGINT                   NOT NULL CHECK (subtotal_minor >= 0),
    discount_minor      BIGINT                   NOT NULL CHECK (discount_minor >= 0),
    total_minor         BIGINT                   NOT NULL,
    fee_basis_points    INTEGER,
    fee_minor           BIGINT,
    net_minor           BIGINT,
    promo_code_id       UUID REFERENCES promo_code (id),
    provider            VARCHAR(16)              NOT NULL,
    provider_reference  VARCHAR(255),
    provider_payment    VARCHAR(255),
    access_token_hash   CHAR(64)                 NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE,
    paid_at             TIMESTAMP WITH TIME ZONE,
    cancelled_at        TIMESTAMP WITH TIME ZONE,
    refunded_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT orders_total_adds_up CHECK (total_minor = subtotal_minor - discount_minor AND total_minor >= 0),
    CONSTRAINT orders_fee_adds_up CHECK (fee_minor IS NULL OR net_minor = total_minor - fee_minor)
);
CREATE INDEX orders_by_event ON orders (event_id, created_at);
CREATE INDEX orders_by_status ON orders (status, expires_at);
CREATE UNIQUE INDEX orders_by_provider_reference ON orders (provider, provider_reference);

CREATE TABLE order_line (
    order_id          UUID         NOT NULL REFERENCES orders (id),
    ticket_type_id    UUID         NOT NULL REFERENCES ticket_type (id),
    ticket_type_name  VARCHAR(120) NOT NULL,
    quantity          INTEGER      NOT NULL CHECK (quantity > 0),
    unit_price_minor  BIGINT       NOT NULL CHECK (unit_price_minor >= 0),
    subtotal_minor    BIGINT       NOT NULL,
    discount_minor    BIGINT       NOT NULL CHECK (discount_minor >= 0),
    total_minor       BIGINT       NOT NULL,
    fee_minor         BIGINT,
    PRIMARY KEY (order_id, ticket_type_id),
    CONSTRAINT order_line_adds_up CHECK (
        subtotal_minor = unit_price_minor * quantity AND total_minor = subtotal_minor - discount_minor
        AND total_minor >= 0)
);

-- One ticket per seat of a paid order. The link's secret is stored only as its SHA-256 hash.
CREATE TABLE ticket (
    id               UUID                     NOT NULL PRIMARY KEY,
    code             VARCHAR(16)              NOT NULL UNIQUE,
    order_id         UUID                     NOT NULL REFERENCES orders (id),
    event_id         UUID                     NOT NULL REFERENCES event (id),
    ticket_type_id   UUID                     NOT NULL REFERENCES ticket_type (id),
    token_hash       CHAR(64)                 NOT NULL UNIQUE,
    holder_name      VARCHAR(200)             NOT NULL,
    holder_email     VARCHAR(254)             NOT NULL,
    status           VARCHAR(8)               NOT NULL CHECK (status IN ('VALID', 'REVOKED')),
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    first_played_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ticket_by_event ON ticket (event_id, issued_at);
CREATE INDEX ticket_by_order ON ticket (order_id);

-- The first answer to each Idempotency-Key, replayed for retries of the same request. Purged after a day.
CREATE TABLE idempotent_request (
    scope            VARCHAR(40)              NOT NULL,
    idempotency_key  VARCHAR(200)             NOT NULL,
    request_hash     CHAR(64)                 NOT NULL,
    response_status  INTEGER,
    response_body    VARCHAR(1000000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

-- Notifications from payment providers already handled, so that a redelivery changes nothing.
CREATE TABLE payment_notification (
    provider     VARCHAR(16)              NOT NULL,
    external_id  VARCHAR(255)             NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, external_id)
);
