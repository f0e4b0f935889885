-- V30-V39: storage tuning measured by bench/ (docs/performance.md).
--
-- The seed's three created_at indexes serve no query of this service: every listing, history and export orders and
-- filters by occurred_at (V20's indexes), and the ingest's version check reads (resource_type, resource_id) through
-- idx_audit_resource_occurred. Each index is maintained by every insert: with these three, a bulk COPY of 500k
-- entries took 19.1 s, without them 17.1 s (bench/ingest.sh's baseline method, 2-core machine). created_at itself stays
-- (a generated copy of recorded_at, the seed's column name); a reporting user who filters on it at scale can add an
-- index of their own.
DROP INDEX idx_audit_user;
DROP INDEX idx_audit_resource;
DROP INDEX idx_audit_time;
