-- Showtime under the organiser's control: a publish is a rehearsal until "Start show" puts the event on air.
ALTER TABLE event ADD COLUMN auto_start BOOLEAN NOT NULL DEFAULT FALSE;
-- When the show first went on air: the replay starts there, so a sound check before it is never part of it.
ALTER TABLE event ADD COLUMN on_air_at TIMESTAMP WITH TIME ZONE;
-- Who ended the show: the organiser, or the server once the scheduled end had passed and the publisher was gone.
ALTER TABLE event ADD COLUMN ended_by VARCHAR(16);
ALTER TABLE event ADD CONSTRAINT event_ended_by CHECK (ended_by IN ('ORGANISER', 'AUTOMATIC'));
-- Events that went live under the old rule (on the first publish) have recordings whose every segment was shown.
UPDATE event SET on_air_at = created_at WHERE status IN ('LIVE', 'ENDED');
UPDATE event SET ended_by = 'ORGANISER' WHERE status = 'ENDED';
-- Shows that start by themselves are looked for every few seconds.
CREATE INDEX event_status_start ON event (status, starts_at);

-- Stream keys are no longer kept readable: a copy of the database alone must not let anyone publish. Each key is
-- found by its SHA-256 and shown to its organiser from a copy sealed (AES-GCM) with a key derived from the server's
-- secret, which is kept outside the database. Keys stored before are sealed by the server at its next start.
ALTER TABLE event_stream ADD COLUMN key_hash VARCHAR(64);
ALTER TABLE event_stream ADD COLUMN key_sealed VARCHAR(200);
ALTER TABLE event_stream ALTER COLUMN stream_key DROP NOT NULL;
CREATE UNIQUE INDEX event_stream_key_hash ON event_stream (key_hash);
-- Preview and health-page links are signed with this number: renewing the links or replacing the key changes it, and
-- every link handed out before stops working.
ALTER TABLE event_stream ADD COLUMN links_version BIGINT NOT NULL DEFAULT 0;
