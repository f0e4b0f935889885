-- audit-service schema. Versions: V1-V9 core schema, V10-V19 ingest/chain/checkpoint/alert, V20-V29 query API.
--
-- audit_logs is the hash-chained, append-only log. Every column except created_at (a generated copy of
-- recorded_at, kept for the seed's column name) and checksum itself enters the checksum: see docs/integrity.md.

CREATE TABLE audit_logs (
    id                uuid         PRIMARY KEY,
    event_id          uuid         NOT NULL UNIQUE,
    event_type        varchar(50)  NOT NULL,
    source            varchar(255) NOT NULL,
    resource_type     varchar(50)  NOT NULL,
    resource_id       varchar(64),
    project_id        uuid,
    user_id           uuid,
    actor_role        varchar(16),
    action            varchar(16)  NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'login', 'logout')),
    changes           jsonb        NOT NULL,
    request_metadata  jsonb        NOT NULL,
    sensitivity_level varchar(16)  NOT NULL CHECK (sensitivity_level IN ('low', 'medium', 'high', 'critical')),
    aggregate_version bigint       NOT NULL CHECK (aggregate_version >= 0),
    occurred_at       timestamptz  NOT NULL,
    recorded_at       timestamptz  NOT NULL,
    created_at        timestamptz  GENERATED ALWAYS AS (recorded_at) STORED,
    chain_id          varchar(64)  NOT NULL,
    seq               bigint       NOT NULL CHECK (seq >= 1),
    prev_checksum     char(64)     NOT NULL,
    checksum          char(64)     NOT NULL,
    -- A zombie consumer (lost its partition, writes anyway) fails here instead of forking the chain.
    CONSTRAINT audit_logs_chain_position UNIQUE (chain_id, seq)
);

-- The seed's indexes.
CREATE INDEX idx_audit_user ON audit_logs (user_id, created_at);
CREATE INDEX idx_audit_resource ON audit_logs (resource_type, resource_id, created_at);
CREATE INDEX idx_audit_time ON audit_logs (created_at);

CREATE TABLE audit_alerts (
    id              uuid         PRIMARY KEY,
    audit_log_id    uuid         REFERENCES audit_logs (id), -- null for alerts not about one entry (failed verification)
    rule            varchar(64)  NOT NULL,
    severity        varchar(16)  NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    message         text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by uuid,
    note            text,
    CONSTRAINT audit_alerts_ack_complete CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX idx_alert_created ON audit_alerts (created_at DESC, id DESC);
CREATE INDEX idx_alert_unacknowledged ON audit_alerts (created_at DESC, id DESC) WHERE acknowledged_at IS NULL;
CREATE INDEX idx_alert_log ON audit_alerts (audit_log_id);

-- Public halves of the checkpoint signing keys, with validity windows (rotation keeps old keys verifiable).
CREATE TABLE audit_signing_keys (
    key_id      varchar(128) PRIMARY KEY,
    algorithm   varchar(16)  NOT NULL CHECK (algorithm = 'Ed25519'),
    public_key  text         NOT NULL,
    valid_from  timestamptz  NOT NULL,
    valid_until timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE audit_checkpoints (
    id            uuid         PRIMARY KEY,
    chain_id      varchar(64)  NOT NULL,
    seq           bigint       NOT NULL CHECK (seq >= 1),
    head_checksum char(64)     NOT NULL,
    origin        varchar(255) NOT NULL,
    key_id        varchar(128) NOT NULL REFERENCES audit_signing_keys (key_id),
    signed_note   text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT audit_checkpoints_position UNIQUE (chain_id, seq)
);
CREATE INDEX idx_checkpoint_latest ON audit_checkpoints (chain_id, seq DESC);

-- Missing events detected from gaps in an aggregate's version numbers, reported by the verify API.
CREATE TABLE audit_version_gaps (
    id               uuid        PRIMARY KEY,
    resource_type    varchar(50) NOT NULL,
    resource_id      varchar(64) NOT NULL,
    expected_version bigint      NOT NULL,
    received_version bigint      NOT NULL,
    event_id         uuid        NOT NULL,
    detected_at      timestamptz NOT NULL
);
CREATE INDEX idx_version_gap_resource ON audit_version_gaps (resource_type, resource_id);

-- History is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE, whatever the caller.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
