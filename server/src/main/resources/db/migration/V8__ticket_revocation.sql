-- Why a ticket was revoked: with its order (a refund, or a cancelled order or event) or by the organiser, for this
-- ticket alone. Only the organiser's own revocation may be undone ("reinstated"); a refunded seat stays revoked.
ALTER TABLE ticket ADD COLUMN revoked_reason VARCHAR(9);
UPDATE ticket SET revoked_reason = 'ORDER' WHERE status = 'REVOKED';
ALTER TABLE ticket ADD CONSTRAINT ticket_revoked_reason_known CHECK (
    (status = 'VALID' AND revoked_reason IS NULL)
    OR (status = 'REVOKED' AND revoked_reason IN ('ORDER', 'ORGANISER')));
