-- One row that identifies this installation. It is created on first start and never changes, so that
-- logs, support requests and, later, signed tokens can tell two Stagedoor servers apart.
CREATE TABLE installation (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    singleton   BOOLEAN DEFAULT TRUE     NOT NULL UNIQUE CHECK (singleton)
);
