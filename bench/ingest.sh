#!/usr/bin/env bash
# Benchmark 1 — ingest drain. Preloads N realistic events (plus 1 % redeliveries of them) on a fresh topic, starts
# audit-service on an empty database and times until every event is stored, chained and deduplicated. Baseline in the
# same run: PostgreSQL COPY of exactly the rows the ingest stored into an identically indexed table.
#
#   bench/ingest.sh                      500,000 events (BENCH_SIZE=smoke: 5,000)
#   BENCH_EVENTS=200000 bench/ingest.sh  another size (BENCH_INGEST_DB: another database name than pjctrl_bench_ingest)
#   BENCH_HOT_RESOURCE=1 bench/ingest.sh one resource with a 100,000-version history against fresh ones (ingest-hot.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ "${BENCH_HOT_RESOURCE:-0}" = 1 ]; then
    source "$BENCH/ingest-hot.sh"
    exit 0
fi

EVENTS="${BENCH_EVENTS:-$(size 5000 500000)}"
DUPLICATES=$((EVENTS / 100))
DB="${BENCH_INGEST_DB:-pjctrl_bench_ingest}"
BENCH_DATABASES=("$DB")

bench_start ingest
start_fresh_kafka
fresh_db "$DB" pjctrl_audit

log "Preloading $EVENTS events + $DUPLICATES redeliveries on pjctrl.audit-events (6 partitions)"
bench_tool produce --bootstrap "127.0.0.1:$KAFKA_PORT" --events "$EVENTS" --duplicates "$DUPLICATES" --seed 42

pg_super -d postgres -c CHECKPOINT # both contenders start with no dirty buffers of earlier work
log "Starting audit-service; timing until all $EVENTS events are stored"
launched="$(now_ms)"
start_audit_service "$DB"
bench_tool await-stored --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" --expected "$EVENTS" \
    --launched-at-ms "$launched" --pid "$(pid_of audit-service)" --timeout-s "$(size 180 900)" | tee "$STATE/ingest-result.txt"
stop_process audit-service
drain_s="$(sed -n 's/^RESULT drain_seconds=\([0-9.]*\).*/\1/p' "$STATE/ingest-result.txt")"
steady_s="$(sed -n 's/^RESULT .*steady_seconds=\([0-9.]*\).*/\1/p' "$STATE/ingest-result.txt")"
[ -n "$drain_s" ] || die "no drain time measured"

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

rate="$(awk -v n="$EVENTS" -v s="$drain_s" 'BEGIN {printf "%.0f", n / s}')"
steady="$(awk -v n="$EVENTS" -v s="$steady_s" 'BEGIN {printf "%.0f", n / s}')"
copy_rate="$(awk -v n="$copied" -v s="$copy_s" 'BEGIN {printf "%.0f", n / s}')"
ratio="$(awk -v a="$rate" -v b="$copy_rate" 'BEGIN {printf "%.2f", a / b}')"
echo
echo "ingest (audit-service launch -> all stored): $EVENTS events in $drain_s s = $rate events/s"
echo "ingest (first entry stored -> all stored):   $steady events/s"
echo "baseline COPY into bench_copy:               $copied rows in $copy_s s = $copy_rate rows/s"
echo "targets: >= 20000 events/s and >= 0.7x COPY"
summary ingest "$rate" events/s "${ratio}x COPY at $copy_rate rows/s"
