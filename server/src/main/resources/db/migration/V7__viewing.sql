-- How long before the start a ticket's holder may enter the waiting room.
ALTER TABLE ticket_type ADD COLUMN doors_open_minutes INTEGER DEFAULT 30 NOT NULL;
ALTER TABLE ticket_type ADD CONSTRAINT ticket_type_doors_open_in_range CHECK (doors_open_minutes BETWEEN 0 AND 1440);

-- When the event ended: the replay window is counted from here.
ALTER TABLE event ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;

-- A ticket plays on one device at a time: the session that started last is the ticket's current one, and playback
-- tokens made for any other session stop working.
CREATE TABLE viewing_session (
    id          UUID                     NOT NULL PRIMARY KEY,
    ticket_id   UUID                     NOT NULL REFERENCES ticket (id),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    device      VARCHAR(120)             NOT NULL
);
CREATE INDEX viewing_session_by_ticket ON viewing_session (ticket_id, started_at);
ALTER TABLE ticket ADD COLUMN current_session_id UUID;

-- Further links to a ticket, made for one device (a TV that typed a device code). Stored as SHA-256 hashes, like the
-- ticket's own link; they die with the ticket's other links when the tickets are sent again.
CREATE TABLE ticket_link (
    token_hash  CHAR(64)                 NOT NULL PRIMARY KEY,
    ticket_id   UUID                     NOT NULL REFERENCES ticket (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ticket_link_by_ticket ON ticket_link (ticket_id);

-- Short codes a viewer types on a TV to open their ticket there; single use, minutes long.
CREATE TABLE device_code (
    code        VARCHAR(8)               NOT NULL PRIMARY KEY,
    ticket_id   UUID                     NOT NULL REFERENCES ticket (id),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
