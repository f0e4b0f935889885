-- Issue 16 deliverable 4: the version check's lookup, three shapes, on audit_logs holding one resource at 100,000
-- versioned events (plus 100,000 rows of 50,000 other resources), never analysed (autovacuum off), and the ingest's
-- other per-batch lookups on the same table. Figures: docs/architecture.md, "Version heads". On an empty database
-- migrated to V42 (no service running on it), e.g.:
--   createdb -O pjctrl_audit pjctrl_audit_explain
--   for f in $(ls audit-service/src/main/resources/db/migration/V*.sql | sort -V); do psql -d pjctrl_audit_explain -f "$f"; done
--   psql -d pjctrl_audit_explain -f bench/version-check-explain.sql
-- The "batch of 500 events of the hot resource" case of the pre-V42 lookup runs for minutes.
\timing off
SELECT 'autovacuum=' || current_setting('autovacuum') AS setting;
INSERT INTO audit_logs (id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role,
                        action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,
                        recorded_at, chain_id, seq, prev_checksum, checksum)
SELECT gen_random_uuid(), gen_random_uuid(), 'task.update', '/bench', 'task', 'hot', NULL, NULL, 'member', 'update',
       '{"n":{"new":1}}', '{"ip":"10.0.0.1"}', 'low', v, timestamptz '2026-01-01' + v * interval '1 second',
       timestamptz '2026-01-01' + v * interval '1 second', 'events-0', v, repeat('0', 64), repeat('0', 64)
FROM generate_series(1, 100000) v;
INSERT INTO audit_logs (id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role,
                        action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at,
                        recorded_at, chain_id, seq, prev_checksum, checksum)
SELECT gen_random_uuid(), gen_random_uuid(), 'task.update', '/bench', 'task', 'r-' || (i % 50000), NULL, NULL, 'member',
       'update', '{"n":{"new":1}}', '{"ip":"10.0.0.1"}', 'low', i / 50000 + 1,
       timestamptz '2026-01-01' + i * interval '1 second', timestamptz '2026-01-01' + i * interval '1 second',
       'events-1', i + 1, repeat('0', 64), repeat('0', 64)
FROM generate_series(0, 99999) i;
SELECT c.relname, c.reltuples, s.last_analyze, s.last_autoanalyze FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relname IN ('audit_logs', 'audit_resource_heads');

\echo '=== A. today: max(aggregate_version) join, the hot resource once'
PREPARE max_versions(text[], text[]) AS
SELECT r.resource_type, r.resource_id, max(l.aggregate_version) AS version
FROM unnest($1::text[], $2::text[]) AS r(resource_type, resource_id)
JOIN audit_logs l ON l.resource_type = r.resource_type AND l.resource_id = r.resource_id AND l.aggregate_version > 0
GROUP BY r.resource_type, r.resource_id;
SET plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE max_versions('{task}', '{hot}');
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE max_versions('{task}', '{hot}');
\echo '=== A. today, as a batch of 500 events of the hot resource passes it (one array element per event)'
SET plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE max_versions(array_fill('task'::text, ARRAY[500]), array_fill('hot'::text, ARRAY[500]));

\echo '=== B. index (resource_type, resource_id, aggregate_version DESC) + LATERAL LIMIT 1'
\timing on
CREATE INDEX idx_audit_resource_version ON audit_logs (resource_type, resource_id, aggregate_version DESC);
\timing off
PREPARE top_versions(text[], text[]) AS
SELECT r.resource_type, r.resource_id, t.version
FROM unnest($1::text[], $2::text[]) AS r(resource_type, resource_id)
JOIN LATERAL (SELECT l.aggregate_version AS version FROM audit_logs l
              WHERE l.resource_type = r.resource_type AND l.resource_id = r.resource_id AND l.aggregate_version > 0
              ORDER BY l.aggregate_version DESC LIMIT 1) t ON true;
SET plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE top_versions('{task}', '{hot}');
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE top_versions('{task}', '{hot}');
DROP INDEX idx_audit_resource_version;

\echo '=== C. head table (V42 backfill, then the ingest upsert of ResourceHeads.ADVANCE, rolled back)'
INSERT INTO audit_resource_heads (resource_type, resource_id, version, previous_version)
SELECT resource_type, resource_id, max(aggregate_version), max(aggregate_version) FROM audit_logs
WHERE aggregate_version > 0 AND resource_id IS NOT NULL GROUP BY resource_type, resource_id;
PREPARE advance(text[], text[], int8[], text[], int8[]) AS
WITH covered AS (
    INSERT INTO audit_resource_head_chains AS c (chain_id, seq)
    SELECT * FROM unnest($4::text[], $5::int8[])
    ON CONFLICT (chain_id) DO UPDATE SET seq = greatest(c.seq, EXCLUDED.seq)
)
INSERT INTO audit_resource_heads AS h (resource_type, resource_id, version, previous_version)
SELECT resource_type, resource_id, version, 0
FROM unnest($1::text[], $2::text[], $3::int8[]) AS b(resource_type, resource_id, version)
ON CONFLICT (resource_type, resource_id) DO UPDATE
    SET previous_version = h.version, version = greatest(h.version, EXCLUDED.version)
RETURNING resource_type, resource_id, previous_version;
BEGIN;
SET LOCAL plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE advance('{task}', '{hot}', '{100001}', '{events-0}', '{100001}');
ROLLBACK;
BEGIN;
SET LOCAL plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE advance('{task}', '{hot}', '{100001}', '{events-0}', '{100001}');
ROLLBACK;
\echo '=== C. a batch of 500 distinct resources (one hot, 499 others)'
BEGIN;
SELECT format($f$EXPLAIN (ANALYZE, BUFFERS) EXECUTE advance(%L, %L, %L, '{events-0}', '{100001}')$f$,
    array_fill('task'::text, ARRAY[500]), ARRAY['hot'] || ARRAY(SELECT 'r-' || i FROM generate_series(1, 499) i),
    array_fill(100001::int8, ARRAY[500])) \gexec
ROLLBACK;
SELECT c.relname, c.reltuples, s.last_analyze, s.last_autoanalyze FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relname IN ('audit_logs', 'audit_resource_heads');

\echo '=== other per-batch lookups: dedup by event_id (500 ids, none stored)'
PREPARE existing(uuid[]) AS SELECT event_id FROM audit_logs WHERE event_id = ANY($1::uuid[]);
SET plan_cache_mode = force_custom_plan;
SELECT format('EXPLAIN (ANALYZE, BUFFERS) EXECUTE existing(%L)', ARRAY(SELECT gen_random_uuid() FROM generate_series(1, 500)))
\gexec
SET plan_cache_mode = force_generic_plan;
SELECT format('EXPLAIN (ANALYZE, BUFFERS) EXECUTE existing(%L)', ARRAY(SELECT gen_random_uuid() FROM generate_series(1, 500)))
\gexec
\echo '=== chain heads'
PREPARE heads(text[]) AS SELECT c.chain_id, h.seq, h.checksum FROM unnest($1::text[]) AS c(chain_id)
JOIN LATERAL (SELECT seq, checksum FROM audit_logs l WHERE l.chain_id = c.chain_id ORDER BY seq DESC LIMIT 1) h ON true;
SET plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE heads('{events-0,events-1}');
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE heads('{events-0,events-1}');
\echo '=== rate counts (task.delete by 3 actors in 5 minutes)'
PREPARE rate(text[], timestamptz[], text[]) AS
SELECT a.actor, count(*) AS n FROM unnest($1::text[], $2::timestamptz[]) AS a(actor, since)
JOIN audit_logs l ON l.event_type = ANY($3::text[]) AND coalesce(l.user_id::text, l.request_metadata ->> 'ip') = a.actor
                 AND l.occurred_at >= a.since
GROUP BY a.actor;
SET plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE rate('{10.0.0.1,10.0.0.2,u3}', '{2026-01-02T00:00:00Z,2026-01-02T00:00:00Z,2026-01-02T00:00:00Z}', '{task.update}');
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE rate('{10.0.0.1,10.0.0.2,u3}', '{2026-01-02T00:00:00Z,2026-01-02T00:00:00Z,2026-01-02T00:00:00Z}', '{task.update}');
