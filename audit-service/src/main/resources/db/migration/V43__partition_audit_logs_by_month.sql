-- audit_logs becomes a table partitioned by month of occurred_at (the column every query, history and export filters
-- and orders on), so a time-filtered query reads only the months in range and a month can later be archived and
-- detached without touching the rest (issue 18). docs/architecture.md ("Monthly partitions") gives the reasons.
--
-- PostgreSQL only enforces a unique index of a partitioned table within each partition unless it includes the
-- partition key, so the log-wide keys move to audit_log_keys, one narrow unpartitioned row per entry: id (what
-- audit_alerts references), event_id (the ingest's idempotency) and (chain_id, seq) (a forked writer fails there). A
-- statement-level trigger of audit_logs and of every partition copies each inserted row's keys into it in the same
-- statement, so whatever inserts into the log (the ingest, a COPY, a bug, a person), a duplicate is refused.
--
-- The conversion runs in this migration's one transaction: the old table is renamed, the partitioned table is created
-- with the same columns and checks, a partition is created for every month that holds entries (and the current one),
-- the rows are copied, then the indexes, triggers and the alerts' foreign key are created and the old table dropped.
-- It holds the old table exclusively for the time it takes (docs/operations.md, "Monthly partitions of audit_logs").

-- What this conversion knows about the table. A migration added since (another column, index or trigger on audit_logs)
-- must be carried over here by hand, so the conversion refuses to run rather than drop it silently.
DO $$
DECLARE
    unknown text;
BEGIN
    SELECT string_agg(attname, ', ') INTO unknown FROM pg_attribute
    WHERE attrelid = 'audit_logs'::regclass AND attnum > 0 AND NOT attisdropped
      AND attname NOT IN ('id', 'event_id', 'event_type', 'source', 'resource_type', 'resource_id', 'project_id',
                          'user_id', 'actor_role', 'action', 'changes', 'request_metadata', 'sensitivity_level',
                          'aggregate_version', 'occurred_at', 'recorded_at', 'created_at', 'chain_id', 'seq',
                          'prev_checksum', 'checksum', 'entry_format', 'source_partition', 'source_offset');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'V43 does not know the columns % of audit_logs', unknown;
    END IF;
    SELECT string_agg(indexrelid::regclass::text, ', ') INTO unknown FROM pg_index
    WHERE indrelid = 'audit_logs'::regclass
      AND indexrelid::regclass::text NOT IN ('audit_logs_pkey', 'audit_logs_event_id_key', 'audit_logs_chain_position',
                                             'idx_audit_rate_actor', 'idx_audit_occurred', 'idx_audit_event_type_occurred',
                                             'idx_audit_resource_occurred', 'idx_audit_user_occurred',
                                             'idx_audit_project_occurred', 'idx_audit_action_occurred',
                                             'idx_audit_sensitivity_occurred', 'idx_audit_user_logout');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'V43 does not know the indexes % of audit_logs', unknown;
    END IF;
    SELECT string_agg(tgname, ', ') INTO unknown FROM pg_trigger
    WHERE tgrelid = 'audit_logs'::regclass AND NOT tgisinternal
      AND tgname NOT IN ('audit_logs_append_only', 'audit_logs_no_truncate');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'V43 does not know the triggers % of audit_logs', unknown;
    END IF;
END
$$;

ALTER TABLE audit_alerts DROP CONSTRAINT audit_alerts_audit_log_id_fkey;
ALTER TABLE audit_logs RENAME TO audit_logs_unpartitioned;
-- Their names are taken again by the partitioned table's indexes; the copy below reads the old table sequentially.
DROP INDEX idx_audit_rate_actor, idx_audit_occurred, idx_audit_event_type_occurred, idx_audit_resource_occurred,
    idx_audit_user_occurred, idx_audit_project_occurred, idx_audit_action_occurred, idx_audit_sensitivity_occurred,
    idx_audit_user_logout;

-- Same columns, NOT NULLs, defaults, checks and generated created_at as before; no primary key or unique constraint
-- (audit_log_keys holds them).
CREATE TABLE audit_logs (LIKE audit_logs_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)
    PARTITION BY RANGE (occurred_at);

CREATE TABLE audit_log_keys (
    id          uuid        NOT NULL,
    event_id    uuid        NOT NULL,
    chain_id    varchar(64) NOT NULL,
    seq         bigint      NOT NULL,
    -- Where the entry is: its partition, and with id the (occurred_at DESC, id DESC) index entry of its row.
    occurred_at timestamptz NOT NULL
);

-- Copies the keys of the rows one INSERT or COPY statement stored into audit_log_keys: set-based, once per statement
-- (a transition table), not a trigger call per row. A duplicate id, event_id or (chain_id, seq) fails the statement.
CREATE FUNCTION audit_log_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log_keys (id, event_id, chain_id, seq, occurred_at)
        SELECT id, event_id, chain_id, seq, occurred_at FROM inserted_rows;
    RETURN NULL;
END
$$;

-- Creates the partition of audit_logs for the month (UTC) holding month_start, unless it exists; true if it created
-- it. The one way partitions are made: by this migration, by the service ahead of time (log/LogPartitions, a scheduled
-- job) and by the ingest for a batch that needs a month without one. Idempotent and safe from several replicas at once
-- (a transaction-level advisory lock, then the check). CREATE TABLE ... PARTITION OF would lock audit_logs ACCESS
-- EXCLUSIVE, queuing every reader behind running exports; a new table attached takes SHARE UPDATE EXCLUSIVE, which
-- reads and inserts do not wait for. Row triggers and indexes of audit_logs come with ATTACH; statement-level
-- triggers (TRUNCATE refused, keys of rows inserted into the partition by name) are not inherited and are made here.
CREATE FUNCTION audit_logs_create_partition(month_start date) RETURNS boolean
    LANGUAGE plpgsql SET lock_timeout = '10s' AS $$
DECLARE
    first_day date := date_trunc('month', month_start)::date;
    partition_name text := 'audit_logs_' || to_char(date_trunc('month', month_start), 'YYYY_MM');
    existing regclass;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('pjctrl.audit_logs.partitions'));
    existing := to_regclass(quote_ident(partition_name));
    IF existing IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = existing AND inhparent = 'audit_logs'::regclass) THEN
            RAISE EXCEPTION 'table % exists but is not a partition of audit_logs (detached?): month % takes no entries',
                partition_name, to_char(first_day, 'YYYY-MM') USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE audit_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)',
        partition_name);
    EXECUTE format('ALTER TABLE audit_logs ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', partition_name,
        first_day::timestamp AT TIME ZONE 'UTC', (first_day + 1 * interval '1 month')::timestamp AT TIME ZONE 'UTC');
    EXECUTE format('CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON %I'
        || ' FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()', partition_name);
    EXECUTE format('CREATE TRIGGER audit_logs_keys AFTER INSERT ON %I REFERENCING NEW TABLE AS inserted_rows'
        || ' FOR EACH STATEMENT EXECUTE FUNCTION audit_log_keys_insert()', partition_name);
    RETURN true;
END
$$;

SELECT audit_logs_create_partition(m::date)
FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') FROM audit_logs_unpartitioned
      UNION
      SELECT date_trunc('month', now() AT TIME ZONE 'UTC')) AS months(m);

-- The rows, and their keys. The triggers of the new table are created after the copy: nothing fires for the move, and
-- the old table's append-only triggers never see it (its rows are read, then the table is dropped).
INSERT INTO audit_logs (id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role,
                        action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,
                        recorded_at, chain_id, seq, prev_checksum, checksum, entry_format, source_partition,
                        source_offset)
    SELECT id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role, action,
           changes, request_metadata, sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id, seq,
           prev_checksum, checksum, entry_format, source_partition, source_offset
    FROM audit_logs_unpartitioned;
INSERT INTO audit_log_keys (id, event_id, chain_id, seq, occurred_at)
    SELECT id, event_id, chain_id, seq, occurred_at FROM audit_logs_unpartitioned;

ALTER TABLE audit_log_keys
    ADD CONSTRAINT audit_log_keys_pkey PRIMARY KEY (id),
    ADD CONSTRAINT audit_log_keys_event UNIQUE (event_id),
    -- A zombie consumer (lost its partition, writes anyway) fails here instead of forking the chain.
    ADD CONSTRAINT audit_log_keys_chain_position UNIQUE (chain_id, seq);

-- The indexes of V10, V20 and V31, now one per partition, plus (chain_id, seq) for verify's chain walks, the chain
-- heads and the tree builder (the unique index that served them is audit_log_keys' now).
CREATE INDEX idx_audit_rate_actor ON audit_logs (event_type, (coalesce(user_id::text, request_metadata ->> 'ip')), occurred_at);
CREATE INDEX idx_audit_occurred ON audit_logs (occurred_at DESC, id DESC);
CREATE INDEX idx_audit_event_type_occurred ON audit_logs (event_type, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_resource_occurred ON audit_logs (resource_type, resource_id, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_user_occurred ON audit_logs (user_id, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_project_occurred ON audit_logs (project_id, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_action_occurred ON audit_logs (action, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_sensitivity_occurred ON audit_logs (sensitivity_level, occurred_at DESC, id DESC);
CREATE INDEX idx_audit_user_logout ON audit_logs (resource_id, occurred_at)
    WHERE event_type = 'user.logout' AND resource_type = 'user';
CREATE INDEX idx_audit_chain_seq ON audit_logs (chain_id, seq);

-- Append-only as before. The row trigger is cloned onto every partition, present and future; the TRUNCATE trigger is
-- statement-level, so audit_logs_create_partition puts one on each partition as well.
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_logs_keys AFTER INSERT ON audit_logs REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_keys_insert();
CREATE TRIGGER audit_log_keys_append_only BEFORE UPDATE OR DELETE ON audit_log_keys
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_keys_no_truncate BEFORE TRUNCATE ON audit_log_keys
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

ALTER TABLE audit_alerts ADD CONSTRAINT audit_alerts_audit_log_id_fkey
    FOREIGN KEY (audit_log_id) REFERENCES audit_log_keys (id);

DROP TABLE audit_logs_unpartitioned;

-- The partitions, for operators (docs/operations.md): month, table, estimated rows (after ANALYZE) and size on disk.
CREATE VIEW audit_log_partitions AS
    SELECT to_date(substring(c.relname FROM '(\d{4}_\d{2})$'), 'YYYY_MM') AS month, c.relname::text AS partition,
           pg_get_expr(c.relpartbound, c.oid) AS bounds, greatest(c.reltuples, 0)::bigint AS estimated_rows,
           pg_total_relation_size(c.oid) AS total_bytes
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'audit_logs'::regclass;

-- Statistics for the planner now (CI runs PostgreSQL with autovacuum off; docs/performance.md).
ANALYZE audit_logs;
ANALYZE audit_log_keys;
