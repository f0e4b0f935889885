-- The ingest's version check (a resource's aggregate_version must be the highest stored one + 1, else a row in
-- audit_version_gaps) reads one head row per resource instead of max(aggregate_version) over the resource's whole
-- history in audit_logs (issue 16; docs/architecture.md, "Version heads"). Derived state, not the log: verify never
-- reads it (docs/integrity.md §6). Independent of audit_logs' physical layout: nothing here references that table's
-- indexes or partitions, the backfill only reads it.

-- Per resource: the highest aggregate_version (> 0) stored for it. previous_version is the head the last ingest
-- batch that touched the resource compared its events with (the upsert returns it: RETURNING cannot return a row's
-- old values before PostgreSQL 18). Updated in place by every batch, so pages keep room for HOT updates.
CREATE TABLE audit_resource_heads (
    resource_type    varchar(50) NOT NULL,
    resource_id      varchar(64) NOT NULL,
    version          bigint      NOT NULL CHECK (version >= 1),
    previous_version bigint      NOT NULL CHECK (previous_version >= 0),
    PRIMARY KEY (resource_type, resource_id)
) WITH (fillfactor = 80);

-- Per chain: every entry of the chain up to seq is counted in audit_resource_heads. A writer that does not maintain
-- the heads (a pod of the previous version during a rollout, a bulk load) leaves the chain's head above this seq; the
-- next ingest batch on the chain first folds the entries in between into the heads (IngestService, ResourceHeads).
CREATE TABLE audit_resource_head_chains (
    chain_id varchar(64) PRIMARY KEY,
    seq      bigint      NOT NULL CHECK (seq >= 0)
);

INSERT INTO audit_resource_heads (resource_type, resource_id, version, previous_version)
SELECT resource_type, resource_id, max(aggregate_version), max(aggregate_version)
FROM audit_logs
WHERE aggregate_version > 0 AND resource_id IS NOT NULL
GROUP BY resource_type, resource_id;

INSERT INTO audit_resource_head_chains (chain_id, seq)
SELECT chain_id, max(seq) FROM audit_logs GROUP BY chain_id;

-- Heads only move up, like the log they summarise; nothing is deleted. The WHEN clauses keep the ingest's updates
-- free of a function call per row: the function runs only for an update it refuses.
CREATE FUNCTION audit_refuse_shrink() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % only grows: % refused (% -> %)', TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_resource_heads_grow BEFORE UPDATE ON audit_resource_heads
    FOR EACH ROW WHEN (NEW.resource_type <> OLD.resource_type OR NEW.resource_id <> OLD.resource_id
                       OR NEW.version < OLD.version)
    EXECUTE FUNCTION audit_refuse_shrink();
CREATE TRIGGER audit_resource_heads_no_delete BEFORE DELETE ON audit_resource_heads
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_resource_heads_no_truncate BEFORE TRUNCATE ON audit_resource_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_resource_head_chains_grow BEFORE UPDATE ON audit_resource_head_chains
    FOR EACH ROW WHEN (NEW.chain_id <> OLD.chain_id OR NEW.seq < OLD.seq)
    EXECUTE FUNCTION audit_refuse_shrink();
CREATE TRIGGER audit_resource_head_chains_no_delete BEFORE DELETE ON audit_resource_head_chains
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_resource_head_chains_no_truncate BEFORE TRUNCATE ON audit_resource_head_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
