-- Registration modes: an account made on a server that approves new accounts waits as PENDING until an administrator
-- approves it (rejecting it deletes it). Every existing account works as before.
ALTER TABLE account ADD COLUMN status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE account ADD CONSTRAINT account_status_known CHECK (status IN ('ACTIVE', 'PENDING'));
CREATE INDEX account_by_status ON account (status, created_at);

-- Where each sign-in came from: the client's address (IPv6: its /64 network). An account's limit on failed sign-ins
-- from addresses it was never used from does not apply where its owner signed in before.
ALTER TABLE account_session ADD COLUMN client_network VARCHAR(64);

-- Single-use invitations an administrator hands out. Only the SHA-256 hash of the code is stored.
CREATE TABLE invitation (
    id          UUID                     NOT NULL PRIMARY KEY,
    code_hash   CHAR(64)                 NOT NULL UNIQUE,
    note        VARCHAR(200)             NOT NULL,
    created_by  UUID                     NOT NULL REFERENCES account (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    used_by     UUID                     REFERENCES account (id) ON DELETE SET NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX invitation_by_creation ON invitation (created_at);
