-- Indexes of the query API (GET /api/audit-logs, export, history). Listings are newest first by
-- (occurred_at DESC, id DESC) with keyset paging, so each filter the admin UI offers gets a
-- (filter column, occurred_at DESC, id DESC) index: PostgreSQL then reads exactly one page from an
-- index range, however deep the paging goes. AuditLogQueryPlanTest EXPLAINs every combination.
-- The seed's indexes (on created_at = recorded_at) stay for their own users.

CREATE INDEX idx_audit_occurred ON audit_logs (occurred_at DESC, id DESC);
CREATE INDEX idx_audit_event_type_occurred ON audit_logs (event_type, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_resource_occurred ON audit_logs (resource_type, resource_id, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_user_occurred ON audit_logs (user_id, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_project_occurred ON audit_logs (project_id, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_action_occurred ON audit_logs (action, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_sensitivity_occurred ON audit_logs (sensitivity_level, occurred_at DESC, id DESC);
