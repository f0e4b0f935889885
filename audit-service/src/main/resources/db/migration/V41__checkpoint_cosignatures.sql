-- Witness cosignatures (C2SP tlog-cosignature/v1) of format-2 checkpoints, collected from the witnesses audit-service
-- submits to (C2SP tlog-witness add-checkpoint) and served with the checkpoint. A row is stored only after the line
-- verified with the configured vkey of that witness. Append-only like the checkpoints it belongs to.
CREATE TABLE audit_checkpoint_cosignatures (
    checkpoint_id  uuid         NOT NULL REFERENCES audit_checkpoints (id),
    -- The witness's key name and key ID (8 lowercase hex), together its identity: <name>+<key id> of its vkey.
    witness_name   varchar(255) NOT NULL,
    witness_key_id char(8)      NOT NULL CHECK (witness_key_id ~ '^[0-9a-f]{8}$'),
    -- The whole signature line as the witness returned it ("— <name> <base64>", no newline).
    signature_line text         NOT NULL,
    -- The timestamp inside the cosignature/v1 (what the witness vouches for), and when this service received it.
    cosigned_at    timestamptz  NOT NULL,
    received_at    timestamptz  NOT NULL,
    PRIMARY KEY (checkpoint_id, witness_name, witness_key_id)
);
-- The latest size each witness cosigned per chain (the old size of the next add-checkpoint) is found from here.
CREATE INDEX idx_cosignature_witness ON audit_checkpoint_cosignatures (witness_name, witness_key_id);

CREATE TRIGGER audit_checkpoint_cosignatures_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint_cosignatures
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_cosignatures_no_truncate BEFORE TRUNCATE ON audit_checkpoint_cosignatures
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
