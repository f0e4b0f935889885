-- Each alert's place in the alert stream: the SSE id: line and what Last-Event-ID resumes after (alert/AlertFeed).
-- Every instance reads new alerts from here after a NOTIFY, so a viewer sees the alerts of every replica.
-- AlertStore takes a transaction-level advisory lock before inserting alerts, so positions are drawn and committed
-- one transaction at a time: once position N is visible, no smaller position can still appear, and "after N" never
-- skips an alert. Alerts stored before this version are numbered in the order they were raised.
ALTER TABLE audit_alerts ADD COLUMN stream_position bigint;
UPDATE audit_alerts a SET stream_position = o.n
    FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM audit_alerts) o
    WHERE a.id = o.id;
ALTER TABLE audit_alerts ALTER COLUMN stream_position SET NOT NULL;
ALTER TABLE audit_alerts ALTER COLUMN stream_position ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('audit_alerts', 'stream_position'), coalesce(max(stream_position), 0) + 1, false)
    FROM audit_alerts;
ALTER TABLE audit_alerts ADD CONSTRAINT audit_alerts_stream_position UNIQUE (stream_position);
