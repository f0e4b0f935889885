-- Personal data (docs/personal-data.md, docs/integrity.md §18). From V44 on, each declared personal value of a new
-- entry is stored in audit_logs as a salted commitment {"$commit": "..."}; what it hides (value and salt) is kept here,
-- apart from the hashed log, encrypted under a data key of its data subject. Erasure deletes the subject's key and
-- its openings; the commitments in audit_logs, and so every checksum, leaf and checkpoint, stay as they are. Entries
-- stored before V44 keep their clear values: rewriting them would break their chains.

-- One data key per data subject (a user id), AES-256, wrapped by the key-encryption key from configuration
-- (pjctrl.privacy.key-encryption-key): 12-byte GCM nonce || ciphertext || 16-byte tag, AAD the subject id.
CREATE TABLE audit_subject_keys (
    subject_id  uuid        PRIMARY KEY,
    wrapped_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The opening of one committed value: salt (32 bytes) || UTF-8 JCS of the value, sealed with the subject's data key
-- (12-byte nonce || ciphertext || tag, AAD "<entry id>|<path>"). Deleting the key deletes its openings.
CREATE TABLE audit_personal_values (
    entry_id   uuid  NOT NULL,
    path       text  NOT NULL,
    subject_id uuid  NOT NULL REFERENCES audit_subject_keys (subject_id) ON DELETE CASCADE,
    sealed     bytea NOT NULL,
    PRIMARY KEY (entry_id, path)
);
CREATE INDEX idx_audit_personal_values_subject ON audit_personal_values (subject_id);

-- Erasures done: a tombstone per request. While one exists for a subject, the ingest stores that subject's later
-- values as commitments only (no key, no opening).
CREATE TABLE audit_erasures (
    id                   uuid        PRIMARY KEY,
    subject_id           uuid        NOT NULL,
    reason               text        NOT NULL,
    requested_by         text,
    erased_at            timestamptz NOT NULL,
    entries_affected     bigint      NOT NULL,
    entries_not_erasable bigint      NOT NULL,
    event_id             uuid        NOT NULL,
    -- Set once the broker acknowledged the erasure's audit event; false rows need their event published again.
    event_recorded       boolean     NOT NULL DEFAULT false
);
CREATE INDEX idx_audit_erasures_subject ON audit_erasures (subject_id);
