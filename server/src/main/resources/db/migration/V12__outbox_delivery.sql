-- E-mail that does not give up silently. A message being sent carries the claim of the worker sending it, so that
-- only that worker records the outcome; a failed attempt is retried until retry_until (set at the first failure, and
-- cleared when the organiser retries a failed message), then the message is marked failed with the reason, for the
-- organiser to see and retry.
ALTER TABLE outbox_message ADD COLUMN claim UUID;
ALTER TABLE outbox_message ADD COLUMN retry_until TIMESTAMP WITH TIME ZONE;
