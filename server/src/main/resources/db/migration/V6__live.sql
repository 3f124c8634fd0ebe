-- Each event's stream key: the secret that lets broadcasting software publish on it. Kept readable (not hashed)
-- because organisers copy it into their software again and again, as with every streaming service.
CREATE TABLE event_stream (
    event_id        UUID                     NOT NULL PRIMARY KEY REFERENCES event (id),
    stream_key      VARCHAR(64)              NOT NULL UNIQUE,
    key_created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keys the server signs with, e.g. the tokens in playback addresses. Made on first use, never sent anywhere.
CREATE TABLE signing_key (
    name        VARCHAR(40)              NOT NULL PRIMARY KEY,
    secret      BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
