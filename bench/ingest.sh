#!/usr/bin/env bash
# Benchmark 1 — ingest drain. Preloads N realistic events (plus 1 % redeliveries of them) on a fresh topic, starts
# audit-service on an empty database and times until every event is stored, chained and deduplicated. Baseline in the
# same run: PostgreSQL COPY of exactly the rows the ingest stored into an identically indexed table.
#
#   bench/ingest.sh                      500,000 events (BENCH_SIZE=smoke: 5,000)
#   BENCH_EVENTS=200000 bench/ingest.sh  another size (BENCH_INGEST_DB: another database name than pjctrl_bench_ingest)
#   BENCH_HOT_RESOURCE=1 bench/ingest.sh one resource with a 100,000-version history against fresh ones (ingest-hot.sh)
#   BENCH_PRELOAD=20M bench/ingest.sh    then the same events again into a log already holding 20 M entries (1c below)
#
# BENCH_PRELOAD=ROWS (a plain number, or with a k or M suffix: 500k, 20M; 0, the default, skips it): after the empty
# run above, the same drain into a database that starts as a copy (CREATE DATABASE ... TEMPLATE, a file copy) of the
# kept dataset of ROWS entries over the last 365 days (ensure_dataset ROWS 365: pjctrl_bench_ds_ROWS_d365, built once
# by DatasetTool and kept; a smoke run drops it at exit if it built it). The same events (same seed and start, an hour
# before the run: the current month, or also the previous one in a month's first hour; LogPartitions stores 12 months
# back) on a fresh broker and a fresh JVM continue the dataset's chains (events-0..5, the partitions of the same keys:
# the ingest reads each chain's head and the version heads the dataset wrote) and go to the current month's partition.
# Checked: no dead letters, count = ROWS + N, distinct event ids, every chain dense from seq 1.
# Statistics (autovacuum is off here): the copy inherits the dataset's VACUUM ANALYZE (pg_statistic, reltuples and
# relpages of every partition, audit_log_keys and the heads: catalogs of the database, copied with it; the cumulative
# pg_stat_* counters are not) and nothing re-analyses during the drain. The ingest's statements are index probes
# (audit_log_keys by event_id, the heads, each chain's head by (chain_id, seq) DESC LIMIT 1 over every partition's
# index) and unnest inserts, planned the same with or without statistics; the current month's partition, which takes
# all the new events, has what the dataset held there when analysed (nothing if built in an earlier month), so it is
# planned as in the empty run. The script prints each partition's statistics and rows and the chain-head plan after it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ "${BENCH_HOT_RESOURCE:-0}" = 1 ]; then
    source "$BENCH/ingest-hot.sh"
    exit 0
fi

# count_of 20M | 500k | 200000: the number, or nothing when it is none of these.
count_of() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9]+[kKmM]?$/) exit 1; n = v + 0; if (v ~ /[kK]$/) n *= 1000;
    if (v ~ /[mM]$/) n *= 1000000; printf "%d", n }'; }

EVENTS="${BENCH_EVENTS:-$(size 5000 500000)}"
DUPLICATES=$((EVENTS / 100))
PRELOAD="$(count_of "${BENCH_PRELOAD:-0}")" || die "BENCH_PRELOAD must be a number like 200000, 500k or 20M"
START="$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)" # the producer's default, fixed so both runs get the same events
DB="${BENCH_INGEST_DB:-pjctrl_bench_ingest}"
BENCH_DATABASES=("$DB")

# drain ALREADY: produces the events on a fresh broker and times a fresh audit-service storing them all into $DB,
# which holds ALREADY entries. Sets DRAIN_S and STEADY_S.
drain() {
    local already="$1"
    log "Preloading $EVENTS events + $DUPLICATES redeliveries on pjctrl.audit-events (6 partitions)"
    bench_tool produce --bootstrap "127.0.0.1:$KAFKA_PORT" --events "$EVENTS" --duplicates "$DUPLICATES" --seed 42 \
        --start "$START"
    pg_super -d postgres -c CHECKPOINT # every contender starts with no dirty buffers of earlier work
    log "Starting audit-service; timing until all $EVENTS events are stored (after $already)"
    local launched
    launched="$(now_ms)"
    start_audit_service "$DB"
    bench_tool await-stored --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" --expected "$((already + EVENTS))" \
        --already "$already" --launched-at-ms "$launched" --pid "$(pid_of audit-service)" --timeout-s "$(size 180 900)" \
        | tee "$STATE/ingest-result.txt"
    stop_process audit-service
    bench_tool dead-letters --bootstrap "127.0.0.1:$KAFKA_PORT" || die "events were dead-lettered: see $STATE/audit-service.log"
    DRAIN_S="$(sed -n 's/^RESULT drain_seconds=\([0-9.]*\).*/\1/p' "$STATE/ingest-result.txt")"
    STEADY_S="$(sed -n 's/^RESULT .*steady_seconds=\([0-9.]*\).*/\1/p' "$STATE/ingest-result.txt")"
    [ -n "$DRAIN_S" ] || die "no drain time measured"
}

bench_start ingest
if [ "$PRELOAD" -gt 0 ]; then
    # Built (or found) before anything is timed; audit-service builds its schema on a broker with empty topics.
    start_fresh_kafka
    ensure_dataset "$PRELOAD" 365
    [ "$BENCH_SIZE" = full ] || [ "$DATASET_BUILT" = 0 ] || BENCH_DATABASES+=("$DATASET_DB")
fi
start_fresh_kafka
fresh_db "$DB" pjctrl_audit
drain 0
drain_s="$DRAIN_S"
steady_s="$STEADY_S"

# Baseline: the very rows the ingest stored, COPYed by the same role over the same kind of TCP connection into one
# unpartitioned table with the same columns, checks, generated column and indexes, and the log-wide keys as its own
# constraints (pk, unique event_id, unique (chain_id, seq)): the storage work of audit_logs before it was partitioned
# (V43), which moved those keys to audit_log_keys, written by a statement trigger. LIKE ... INCLUDING ALL copies the
# columns, checks and the partitioned table's indexes, no trigger. One COPY in one transaction is the best case of bulk
# loading, so the ratio is ingest against the floor of the storage work.
COLUMNS="id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role, action, changes,
request_metadata, sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id, seq, prev_checksum, checksum"
COLUMNS="$(echo "$COLUMNS" | tr -d '\n')"
ROWS_FILE="$STATE/ingest-rows.copy"
audit_psql "$DB" -c "\\copy (SELECT $COLUMNS FROM audit_logs ORDER BY recorded_at, chain_id, seq) TO '$ROWS_FILE'"
audit_psql "$DB" -c "CREATE TABLE bench_copy (LIKE audit_logs INCLUDING ALL)" \
    -c "DROP INDEX bench_copy_chain_id_seq_idx" \
    -c "ALTER TABLE bench_copy ADD PRIMARY KEY (id), ADD UNIQUE (event_id), ADD UNIQUE (chain_id, seq)"
cat "$ROWS_FILE" >/dev/null # in the page cache, as the Kafka log segments were for the ingest
pg_super -d "$DB" -c CHECKPOINT
log "Baseline: COPY of the same $(wc -l <"$ROWS_FILE") rows into bench_copy"
began="$(date +%s%N)"
audit_psql "$DB" -c "\\copy bench_copy ($COLUMNS) FROM '$ROWS_FILE'"
copy_s="$(awk -v b="$began" -v e="$(date +%s%N)" 'BEGIN {printf "%.3f", (e - b) / 1e9}')"
copied="$(audit_psql "$DB" -Atc "SELECT count(*) FROM bench_copy")"
rm -f "$ROWS_FILE"

# per_second N SECONDS: N / SECONDS, rounded; ratio_of A B: A / B to two decimals.
per_second() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
rate="$(per_second "$EVENTS" "$drain_s")"
steady="$(per_second "$EVENTS" "$steady_s")"
copy_rate="$(per_second "$copied" "$copy_s")"
ratio="$(ratio_of "$rate" "$copy_rate")"
echo
echo "ingest (audit-service launch -> all stored): $EVENTS events in $drain_s s = $rate events/s"
echo "ingest (first entry stored -> all stored):   $steady events/s"
echo "baseline COPY into bench_copy:               $copied rows in $copy_s s = $copy_rate rows/s"
echo "targets: >= 20000 events/s and >= 0.7x COPY"
summary ingest "$rate" events/s "${ratio}x COPY at $copy_rate rows/s"
[ "$PRELOAD" -gt 0 ] || exit 0

echo
log "Preloaded run: $DB as a copy of $DATASET_DB ($PRELOAD entries over 365 days)"
start_fresh_kafka
# CREATE DATABASE ... TEMPLATE refuses a template anyone is connected to; nothing of this script is, by now.
for _ in $(seq 1 60); do
    [ "$(pg_super -d postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DATASET_DB'")" = 0 ] && break
    sleep 0.5
done
drop_db "$DB"
began="$(date +%s%N)"
if ! pg_super -d postgres -c "CREATE DATABASE \"$DB\" TEMPLATE \"$DATASET_DB\" OWNER pjctrl_audit STRATEGY FILE_COPY"; then
    pg_super -d postgres -c "SELECT pid, application_name, client_addr FROM pg_stat_activity WHERE datname = '$DATASET_DB'"
    die "could not copy $DATASET_DB (sessions on it above)"
fi
sync # the copy's files, written back now rather than during the drain
log "Copied $DATASET_DB ($(pg_super -d postgres -Atc "SELECT pg_size_pretty(pg_database_size('$DB'))")) in" \
    "$(awk -v b="$began" -v e="$(date +%s%N)" 'BEGIN {printf "%.1f", (e - b) / 1e9}') s"
drain "$PRELOAD"
echo "where the events went, and the statistics the preloaded run planned with" \
    "(autovacuum=$(pg_super -d postgres -Atc 'SHOW autovacuum')):"
audit_psql "$DB" -c "WITH now_held AS (
        SELECT tableoid AS oid, count(*) AS rows_now, count(*) FILTER (WHERE source_offset IS NOT NULL) AS ingested,
               min(occurred_at) FILTER (WHERE source_offset IS NOT NULL) AS first_ingested,
               max(occurred_at) FILTER (WHERE source_offset IS NOT NULL) AS last_ingested
        FROM audit_logs GROUP BY tableoid)
    SELECT c.relname, c.reltuples::bigint AS reltuples, c.relpages,
           EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = c.relname)
               AS column_stats,
           n.rows_now, n.ingested, n.first_ingested, n.last_ingested
    FROM pg_class c LEFT JOIN now_held n ON n.oid = c.oid
    WHERE c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass)
       OR c.relname IN ('audit_log_keys', 'audit_resource_heads', 'audit_resource_head_chains')
    ORDER BY c.relname" \
    -c "EXPLAIN (COSTS OFF) SELECT c.chain_id, h.seq, h.checksum FROM unnest('{events-0,events-1}'::text[]) AS c(chain_id)
        JOIN LATERAL (SELECT seq, checksum FROM audit_logs l WHERE l.chain_id = c.chain_id ORDER BY seq DESC LIMIT 1) h ON true"
preload_rate="$(per_second "$EVENTS" "$DRAIN_S")"
preload_steady="$(per_second "$EVENTS" "$STEADY_S")"
preload_ratio="$(ratio_of "$preload_rate" "$rate")"
echo
echo "ingest, empty table (launch -> all stored):         $EVENTS events in $drain_s s = $rate events/s"
echo "ingest, $PRELOAD preloaded (launch -> all stored): $EVENTS events in $DRAIN_S s = $preload_rate events/s"
echo "ingest, $PRELOAD preloaded (first -> all stored):  $preload_steady events/s (empty table: $steady)"
echo "preloaded / empty: ${preload_ratio}x; target: >= 0.85x"
summary ingest-preload "$preload_rate" events/s "${preload_ratio}x the empty table's $rate"
