#!/usr/bin/env bash
# Benchmark 4 — query. GET /api/audit-logs over a log of 5 M entries, for the admin UI's filter combinations: p50/p95
# of the first page (50 entries) and of a page 5,000 entries deep in the cursor; then GET /api/audit-logs/stats (the
# activity chart) for its ranges and filters. Sequential requests (no queueing), admin token from project-service.
#
# The 5 M entries are a synthetic but valid log (bench/lib.sh ensure_dataset: realistic events over 180 days, chained
# per partition with audit-service's chain code, loaded with COPY), built once and kept (pjctrl_bench_ds_5000000):
# ingesting 5 M events through Kafka would take minutes and is what bench/ingest.sh measures.
#
#   bench/query.sh        5,000,000 entries, 40 samples per combination (BENCH_SIZE=smoke: 20,000 entries, 5)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${BENCH_ROWS:-$(size 20000 5000000)}"
SAMPLES="$(size 5 40)"

bench_start query
start_dataset_services pjctrl_bench_login "$ROWS"

log "Querying $ROWS entries: first page and a page $(size 500 5000) entries deep, $SAMPLES samples per filter combination"
bench_tool query --login-base "$PS_URL" --audit-base "$AS_URL" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" \
    --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DATASET_DB" --samples "$SAMPLES" --deep-rows "$(size 500 5000)" \
    | tee "$STATE/query-result.txt"
worst="$(sed -n 's/^RESULT worst_p95_ms=\([0-9.]*\).*/\1/p' "$STATE/query-result.txt")"
stats="$(sed -n 's/^RESULT stats_worst_p95_ms=\([0-9.]*\).*/\1/p' "$STATE/query-result.txt")"
echo "target: p95 < 50 ms for every combination, first and deep page; stats p95 < 100 ms for every combination"
summary query "$worst" "ms worst p95 over $ROWS entries" "$(awk -v p="$worst" 'BEGIN {printf "%.2f", p / 50}')x the 50 ms target"
summary query-stats "$stats" "ms worst p95 over $ROWS entries" "$(awk -v p="$stats" 'BEGIN {printf "%.2f", p / 100}')x the 100 ms target"
