-- Ingest: the rate alert rules count one actor's events of some types in a time window on every batch
-- (actor = user id, or the request IP when there is no user, e.g. a failed login with an unknown email).
CREATE INDEX idx_audit_rate_actor ON audit_logs (event_type, (coalesce(user_id::text, request_metadata ->> 'ip')), occurred_at);
