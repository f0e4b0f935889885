-- Retention by month and legal holds (issue 18, docs/retention.md).
--
-- audit_legal_holds: a hold on a user's or a project's entries. While it is active (released_at IS NULL) neither
-- retention nor erasure touches the entries it matches. A release keeps the row (who created, who released, when,
-- why): holds are evidence themselves and are never deleted.
CREATE TABLE audit_legal_holds (
    id          uuid         PRIMARY KEY,
    user_id     uuid,
    project_id  uuid,
    reason      varchar(1000) NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(64),
    released_at timestamptz,
    released_by varchar(64),
    CONSTRAINT audit_legal_holds_one_subject CHECK ((user_id IS NULL) <> (project_id IS NULL)),
    CONSTRAINT audit_legal_holds_released CHECK (released_at IS NULL OR released_at >= created_at)
);
CREATE INDEX idx_audit_legal_holds_active ON audit_legal_holds (created_at) WHERE released_at IS NULL;

-- One row per archived month: the file written before the partition was dropped and its SHA-256.
CREATE TABLE audit_archives (
    month       date         PRIMARY KEY,
    file_name   varchar(200) NOT NULL,
    sha256      char(64)     NOT NULL,
    entries     bigint       NOT NULL,
    archived_at timestamptz  NOT NULL
);

-- Per chain and archived month, the seq range that left the log: seqs first_seq..last_seq, the prev_checksum of
-- first_seq and the checksum of last_seq. The ranges of one chain are contiguous from seq 1 (retention drops only a
-- month whose entries are a prefix of every chain's remaining entries), so max(last_seq) is the chain's last archived
-- seq and, as a 0-based leaf index + 1, its C2SP tlog-tiles minimum index: verify starts the walk after it and links
-- the first retained entry to last_checksum.
CREATE TABLE audit_archived_ranges (
    chain_id            varchar(64) NOT NULL,
    month               date        NOT NULL REFERENCES audit_archives (month),
    first_seq           bigint      NOT NULL,
    last_seq            bigint      NOT NULL,
    first_prev_checksum char(64)    NOT NULL,
    last_checksum       char(64)    NOT NULL,
    entries             bigint      NOT NULL,
    PRIMARY KEY (chain_id, month),
    CONSTRAINT audit_archived_ranges_order CHECK (first_seq >= 1 AND last_seq >= first_seq
                                                  AND entries = last_seq - first_seq + 1),
    CONSTRAINT audit_archived_ranges_seq UNIQUE (chain_id, last_seq)
);

-- Append-only like the log: an archive record is the evidence of what left it.
CREATE TRIGGER audit_archives_append_only BEFORE UPDATE OR DELETE ON audit_archives
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_archives_no_truncate BEFORE TRUNCATE ON audit_archives
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_archived_ranges_append_only BEFORE UPDATE OR DELETE ON audit_archived_ranges
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_archived_ranges_no_truncate BEFORE TRUNCATE ON audit_archived_ranges
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Detaches and drops the partition of the month holding month_start, once that month is recorded in audit_archives
-- with as many entries as the detached partition holds (refused otherwise): the one way a month leaves the log. DROP TABLE fires no row trigger, so the append-only
-- triggers stay as they are for every other statement; the partition's own TRUNCATE trigger is dropped with it. Runs
-- as the owner of audit_logs (the role the migrations use, which the service connects as). The keys of the dropped
-- rows stay in audit_log_keys: they carry no personal data, keep the ingest's idempotency for the archived events and
-- the alerts' foreign key, and audit_log_keys is append-only. Serialised with audit_logs_create_partition by the same
-- advisory lock. DETACH (not CONCURRENTLY, which cannot run in a transaction) takes audit_logs ACCESS EXCLUSIVE for
-- an instant; lock_timeout keeps a running export from blocking it for long (the next run retries).
CREATE FUNCTION audit_logs_drop_partition(month_start date) RETURNS boolean
    LANGUAGE plpgsql SET lock_timeout = '10s' AS $$
DECLARE
    first_day date := date_trunc('month', month_start)::date;
    partition_name text := 'audit_logs_' || to_char(date_trunc('month', month_start), 'YYYY_MM');
    existing regclass;
    archived bigint;
    held bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('pjctrl.audit_logs.partitions'));
    SELECT entries INTO archived FROM audit_archives WHERE month = first_day;
    IF archived IS NULL THEN
        RAISE EXCEPTION 'month % is not archived: its partition stays', to_char(first_day, 'YYYY-MM')
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    existing := to_regclass(quote_ident(partition_name));
    IF existing IS NULL THEN
        RETURN false;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = existing AND inhparent = 'audit_logs'::regclass) THEN
        EXECUTE format('ALTER TABLE audit_logs DETACH PARTITION %I', partition_name);
    END IF;
    -- Detached and locked until commit, the table takes no more rows: it must hold exactly what was archived (a late
    -- event stored after the archive was written would otherwise be dropped unarchived).
    EXECUTE format('SELECT count(*) FROM %I', partition_name) INTO held;
    IF held <> archived THEN
        RAISE EXCEPTION 'month % holds % entries but its archive %: its partition stays', to_char(first_day, 'YYYY-MM'),
            held, archived USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    EXECUTE format('DROP TABLE %I', partition_name);
    RETURN true;
END
$$;
