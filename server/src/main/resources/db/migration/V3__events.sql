-- Events, their cover images, ticket types and promo codes.
CREATE TABLE event (
    id                UUID                     NOT NULL PRIMARY KEY,
    organiser_id      UUID                     NOT NULL REFERENCES account (id),
    slug              VARCHAR(80)              NOT NULL UNIQUE,
    title             VARCHAR(200)             NOT NULL,
    description       VARCHAR(10000)           NOT NULL,
    starts_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    time_zone         VARCHAR(64)              NOT NULL,
    duration_minutes  INTEGER                  NOT NULL CHECK (duration_minutes BETWEEN 1 AND 10080),
    brand_colour      CHAR(7)                  NOT NULL,
    status            VARCHAR(16)              NOT NULL
        CHECK (status IN ('DRAFT', 'ON_SALE', 'LIVE', 'ENDED', 'CANCELLED')),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX event_by_organiser ON event (organiser_id, starts_at);

-- The cover image, re-encoded by the server; kept in the database so that every server node can serve it.
CREATE TABLE event_cover (
    event_id      UUID                     NOT NULL PRIMARY KEY REFERENCES event (id),
    content_type  VARCHAR(40)              NOT NULL,
    width         INTEGER                  NOT NULL,
    height        INTEGER                  NOT NULL,
    image         BYTEA                    NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- sold counts seats in paid orders, reserved seats in orders awaiting payment. The CHECK makes overselling
-- impossible whatever the code above it does.
CREATE TABLE ticket_type (
    id                UUID                     NOT NULL PRIMARY KEY,
    event_id          UUID                     NOT NULL REFERENCES event (id),
    name              VARCHAR(120)             NOT NULL,
    price_minor       BIGINT                   NOT NULL CHECK (price_minor >= 0),
    currency          CHAR(3)                  NOT NULL,
    quota             INTEGER                  NOT NULL CHECK (quota >= 0),
    sold              INTEGER DEFAULT 0        NOT NULL CHECK (sold >= 0),
    reserved          INTEGER DEFAULT 0        NOT NULL CHECK (reserved >= 0),
    sale_starts_at    TIMESTAMP WITH TIME ZONE,
    sale_ends_at      TIMESTAMP WITH TIME ZONE,
    grants_live       BOOLEAN                  NOT NULL,
    replay_hours      INTEGER                  NOT NULL CHECK (replay_hours >= 0),
    grants_on_demand  BOOLEAN                  NOT NULL,
    rental_hours      INTEGER                  NOT NULL CHECK (rental_hours >= 0),
    sort_order        INTEGER                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ticket_type_never_oversold CHECK (sold + reserved <= quota)
);
CREATE INDEX ticket_type_by_event ON ticket_type (event_id, sort_order);

-- Codes are stored in capitals and matched that way, so buyers may type them in any case.
CREATE TABLE promo_code (
    id                UUID                     NOT NULL PRIMARY KEY,
    event_id          UUID                     NOT NULL REFERENCES event (id),
    code              VARCHAR(40)              NOT NULL,
    kind              VARCHAR(8)               NOT NULL CHECK (kind IN ('PERCENT', 'FIXED')),
    percent_off       INTEGER CHECK (percent_off BETWEEN 1 AND 100),
    amount_off_minor  BIGINT CHECK (amount_off_minor > 0),
    max_redemptions   INTEGER CHECK (max_redemptions > 0),
    redemptions       INTEGER DEFAULT 0        NOT NULL CHECK (redemptions >= 0),
    valid_from        TIMESTAMP WITH TIME ZONE,
    valid_until       TIMESTAMP WITH TIME ZONE,
    active            BOOLEAN DEFAULT TRUE     NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT promo_code_unique_per_event UNIQUE (event_id, code),
    CONSTRAINT promo_code_never_over_redeemed CHECK (max_redemptions IS NULL OR redemptions <= max_redemptions),
    CONSTRAINT promo_code_one_kind CHECK (
        (kind = 'PERCENT' AND percent_off IS NOT NULL AND amount_off_minor IS NULL)
        OR (kind = 'FIXED' AND amount_off_minor IS NOT NULL AND percent_off IS NULL))
);

-- A code with no rows here applies to every ticket type of its event.
CREATE TABLE promo_code_ticket_type (
    promo_code_id   UUID NOT NULL REFERENCES promo_code (id),
    ticket_type_id  UUID NOT NULL REFERENCES ticket_type (id),
    PRIMARY KEY (promo_code_id, ticket_type_id)
);
