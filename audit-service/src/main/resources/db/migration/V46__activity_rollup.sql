-- The activity chart (GET /api/audit-logs/stats) counts entries per hour or day and sensitivity level. Counting the
-- rows of audit_logs themselves reads every entry of the range (a month of a 5 M-entry log is ~0.8 M rows, ~300 ms);
-- audit_activity holds the same counts per UTC hour, so a month is ~720 hours x the event types seen in them.
-- Derived state, not the log: verify never reads it (docs/integrity.md §6), and it can be rebuilt from audit_logs with
-- the backfill below (docs/operations.md, "Activity rollup").
--
-- Rows are added, never updated, by a statement trigger of audit_logs: one row per (hour, event_type, resource_type,
-- action, sensitivity_level) of each insert statement. No ingest transaction waits for another's row lock on a shared
-- counter; ActivityRollup merges the rows of each key from time to time, and a reader sums them either way.
CREATE TABLE audit_activity (
    hour              timestamptz NOT NULL, -- the start of a UTC hour
    event_type        varchar(50) NOT NULL,
    resource_type     varchar(50) NOT NULL,
    action            varchar(16) NOT NULL,
    sensitivity_level varchar(16) NOT NULL,
    entries           bigint      NOT NULL CHECK (entries > 0)
);
CREATE INDEX idx_audit_activity_hour ON audit_activity (hour);

CREATE FUNCTION audit_activity_count() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO audit_activity (hour, event_type, resource_type, action, sensitivity_level, entries)
    SELECT date_trunc('hour', occurred_at, 'UTC'), event_type, resource_type, action, sensitivity_level, count(*)
    FROM inserted_rows
    GROUP BY 1, 2, 3, 4, 5;
    RETURN NULL;
END
$$;

-- On the partitioned table only: an insert or COPY into audit_logs fires it once for all rows, whatever partitions they
-- are routed to. A row written straight into a partition is not counted (nothing does that; a bulk load disables this
-- trigger and runs the backfill below after, as bench/DatasetTool does).
CREATE TRIGGER audit_logs_activity AFTER INSERT ON audit_logs REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_activity_count();

INSERT INTO audit_activity (hour, event_type, resource_type, action, sensitivity_level, entries)
SELECT date_trunc('hour', occurred_at, 'UTC'), event_type, resource_type, action, sensitivity_level, count(*)
FROM audit_logs
GROUP BY 1, 2, 3, 4, 5;
