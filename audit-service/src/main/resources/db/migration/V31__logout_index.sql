-- A user's logouts, for the audit API's logout check (web/LogoutCheck): one probe per authenticated request. Partial,
-- so only user.logout entries pay for it on insert.
CREATE INDEX idx_audit_user_logout ON audit_logs (resource_id, occurred_at)
    WHERE event_type = 'user.logout' AND resource_type = 'user';
