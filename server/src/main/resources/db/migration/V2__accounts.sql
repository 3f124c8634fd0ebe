-- Organiser accounts and their bearer sessions. Session tokens are stored only as SHA-256 hashes.
CREATE TABLE account (
    id             UUID                     NOT NULL PRIMARY KEY,
    email          VARCHAR(254)             NOT NULL UNIQUE,
    name           VARCHAR(200)             NOT NULL,
    password_hash  VARCHAR(255)             NOT NULL,
    role           VARCHAR(16)              NOT NULL CHECK (role IN ('ORGANISER', 'ADMIN')),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE account_session (
    id          UUID                     NOT NULL PRIMARY KEY,
    account_id  UUID                     NOT NULL REFERENCES account (id),
    token_hash  CHAR(64)                 NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX account_session_by_account ON account_session (account_id);

-- Settings of the whole platform: one row. The fee is in basis points (1100 = 11 %).
CREATE TABLE platform_settings (
    singleton         BOOLEAN DEFAULT TRUE     NOT NULL PRIMARY KEY CHECK (singleton),
    fee_basis_points  INTEGER                  NOT NULL CHECK (fee_basis_points BETWEEN 0 AND 10000),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO platform_settings (singleton, fee_basis_points, updated_at) VALUES (TRUE, 1100, CURRENT_TIMESTAMP);
