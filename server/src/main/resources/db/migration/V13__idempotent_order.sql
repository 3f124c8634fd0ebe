-- The order a purchase with an Idempotency-Key placed, written in the same transaction as the order: if its answer
-- cannot be stored (the server dies, the database stalls), a retry with the key is told so instead of buying again.
ALTER TABLE idempotent_request ADD COLUMN order_id UUID;
