-- Every chain becomes an RFC 6962 Merkle log stored as C2SP tiles (docs/integrity.md, "Merkle tree").

-- The Kafka record each entry came from, hashed with it (entry format 2). Rows stored before this version are format
-- 1 (no source; the canonical form they were chained with); so is any row written without a source, which
-- reconciliation then reports as matching no record. Ingest writes format 2.
ALTER TABLE audit_logs
    ADD COLUMN entry_format smallint NOT NULL DEFAULT 1,
    ADD COLUMN source_partition integer,
    ADD COLUMN source_offset bigint;
ALTER TABLE audit_logs
    ADD CONSTRAINT audit_logs_entry_format CHECK (entry_format IN (1, 2)),
    ADD CONSTRAINT audit_logs_entry_source CHECK (
        CASE entry_format
            WHEN 1 THEN source_partition IS NULL AND source_offset IS NULL
            ELSE source_partition >= 0 AND source_offset >= 0
        END);

-- The tree of each chain as built so far: its size (which lags the chain's head while a backfill catches up), its
-- root and its compact range (uint64 size, then the border hashes, largest subtree first), the state the next
-- append continues from. It only grows.
CREATE TABLE audit_tlog_trees (
    chain_id      varchar(64) PRIMARY KEY,
    size          bigint      NOT NULL CHECK (size >= 0),
    root          bytea       NOT NULL CHECK (octet_length(root) = 32),
    compact_range bytea       NOT NULL CHECK (octet_length(compact_range) >= 8),
    updated_at    timestamptz NOT NULL
);

-- The tiles of each tree (C2SP tlog-tiles): level 0.. hold the node hashes at tree height 8 * level, 256 to a full
-- tile; level -1 holds the entry bundle's leaf data (32 bytes per entry; the HTTP bundle adds the uint16 length
-- prefixes). A partial tile of width W is the first 32 * W bytes of a row at least that wide.
CREATE TABLE audit_tlog_tiles (
    chain_id   varchar(64) NOT NULL,
    level      smallint    NOT NULL CHECK (level BETWEEN -1 AND 7),
    tile_index bigint      NOT NULL CHECK (tile_index >= 0),
    width      smallint    NOT NULL CHECK (width BETWEEN 1 AND 256),
    hashes     bytea       NOT NULL,
    PRIMARY KEY (chain_id, level, tile_index),
    CONSTRAINT audit_tlog_tiles_width CHECK (octet_length(hashes) = 32 * width)
);

-- A tree only grows: its size never shrinks, a tile only gains hashes after the ones it has; nothing is deleted.
CREATE FUNCTION audit_tlog_tree_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.chain_id <> OLD.chain_id OR NEW.size < OLD.size THEN
        RAISE EXCEPTION 'audit_tlog_trees only grows: % from size % to %', OLD.chain_id, OLD.size, NEW.size
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE FUNCTION audit_tlog_tile_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.chain_id <> OLD.chain_id OR NEW.level <> OLD.level OR NEW.tile_index <> OLD.tile_index
            OR NEW.width < OLD.width OR substring(NEW.hashes FROM 1 FOR octet_length(OLD.hashes)) <> OLD.hashes THEN
        RAISE EXCEPTION 'audit_tlog_tiles only grows: tile % % % of width % changed', OLD.chain_id, OLD.level,
            OLD.tile_index, OLD.width USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_tlog_trees_grow BEFORE UPDATE ON audit_tlog_trees
    FOR EACH ROW EXECUTE FUNCTION audit_tlog_tree_grows();
CREATE TRIGGER audit_tlog_trees_no_delete BEFORE DELETE ON audit_tlog_trees
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tlog_trees_no_truncate BEFORE TRUNCATE ON audit_tlog_trees
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tlog_tiles_grow BEFORE UPDATE ON audit_tlog_tiles
    FOR EACH ROW EXECUTE FUNCTION audit_tlog_tile_grows();
CREATE TRIGGER audit_tlog_tiles_no_delete BEFORE DELETE ON audit_tlog_tiles
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tlog_tiles_no_truncate BEFORE TRUNCATE ON audit_tlog_tiles
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Checkpoint format 1 (rows from before this version): the third note line is the chain's head checksum. Format 2:
-- it is the RFC 6962 root of the chain's tree at seq entries (root_hash, hex). head_checksum stays the chain's
-- head at that size in both.
ALTER TABLE audit_checkpoints
    ADD COLUMN format smallint NOT NULL DEFAULT 1,
    ADD COLUMN root_hash char(64);
ALTER TABLE audit_checkpoints
    ADD CONSTRAINT audit_checkpoints_format CHECK (format IN (1, 2)),
    ADD CONSTRAINT audit_checkpoints_root CHECK ((format = 2) = (root_hash IS NOT NULL));
