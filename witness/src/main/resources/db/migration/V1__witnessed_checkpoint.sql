-- The latest checkpoint this witness cosigned, one row per log origin: all C2SP tlog-witness asks a witness to keep.
-- note is the checkpoint as served by GET /<origin_hash>/checkpoint: its text, the log signature(s) the witness
-- verified and the witness's own cosignature.
CREATE TABLE witnessed_checkpoint (
    origin      text        PRIMARY KEY,
    origin_hash char(64)    NOT NULL UNIQUE CHECK (origin_hash ~ '^[0-9a-f]{64}$'),
    tree_size   bigint      NOT NULL CHECK (tree_size >= 0),
    root_hash   bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    note        text        NOT NULL,
    cosigned_at timestamptz NOT NULL
);

-- Defence in depth under the application's compare-and-swap: a witnessed tree never shrinks, never changes its root
-- at the same size, and a log is never forgotten (forgetting would let the next submission start over at old 0).
CREATE FUNCTION witnessed_checkpoint_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'witnessed_checkpoint rows are never deleted (origin %)', OLD.origin;
    END IF;
    IF NEW.origin <> OLD.origin OR NEW.origin_hash <> OLD.origin_hash OR NEW.tree_size < OLD.tree_size
            OR (NEW.tree_size = OLD.tree_size AND NEW.root_hash <> OLD.root_hash) THEN
        RAISE EXCEPTION 'witnessed checkpoint of % may only grow: size % to %', OLD.origin, OLD.tree_size,
            NEW.tree_size;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER witnessed_checkpoint_only_grows
    BEFORE UPDATE OR DELETE ON witnessed_checkpoint
    FOR EACH ROW EXECUTE FUNCTION witnessed_checkpoint_only_grows();
