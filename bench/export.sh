#!/usr/bin/env bash
# Benchmark 5 — export. GET /api/audit-logs/export?format=csv of the whole 5 M-entry log (same dataset as
# bench/query.sh), streamed to a byte counter: rows/s, and audit-service's heap while it streams. Heap is sampled with
# jstat every 100 ms (used = eden + survivors + old, garbage not yet collected included: a peak, not a live set); the
# GC log's heap-after-collection maximum shows the live set. audit-service runs with -Xmx512m as deploy/local does.
# Baseline in the same run: psql COPY (the same columns, same order) TO STDOUT as CSV, i.e. PostgreSQL alone.
#
#   bench/export.sh        5,000,000 entries (BENCH_SIZE=smoke: 20,000)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${BENCH_ROWS:-$(size 20000 5000000)}"
HEAP="${BENCH_EXPORT_HEAP:-512m}"

bench_start export
start_dataset_services pjctrl_bench_login "$ROWS" "$HEAP"
TOKEN="$(admin_token)"
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no admin token"

export_csv() {
    curl -sS --fail --max-time 1200 -H "Authorization: Bearer $TOKEN" -H 'User-Agent: pjctrl-bench' \
        "$AS_URL/api/audit-logs/export?format=csv" | wc -l
}

log "Warm-up export of a small slice"
curl -sS --fail --max-time 60 -H "Authorization: Bearer $TOKEN" -o /dev/null \
    "$AS_URL/api/audit-logs/export?format=csv&event_type=task.delete"

AS_PID="$(pid_of audit-service)"
jstat -gc "$AS_PID" 100 >"$STATE/export-jstat.txt" &
JSTAT=$!
gc_lines_before="$(wc -l <"$STATE/audit-service-gc.log")"
log "Exporting $ROWS entries as CSV"
began="$(date +%s%N)"
lines="$(export_csv)"
export_s="$(awk -v b="$began" -v e="$(date +%s%N)" 'BEGIN {printf "%.3f", (e - b) / 1e9}')"
kill "$JSTAT" 2>/dev/null || true
wait "$JSTAT" 2>/dev/null || true
rows=$((lines - 1))
# jstat -gc columns: S0C S1C S0U S1U EC EU OC OU ... (KB); used heap = S0U + S1U + EU + OU.
peak_kb="$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > m) m = u} END {printf "%.0f", m}' "$STATE/export-jstat.txt")"
peak_mb=$((peak_kb / 1024))
after_gc_mb="$(tail -n +"$((gc_lines_before + 1))" "$STATE/audit-service-gc.log" \
    | sed -n 's/.*->\([0-9]*\)M(.*/\1/p' | sort -n | tail -n 1)"
rate="$(awk -v n="$rows" -v s="$export_s" 'BEGIN {printf "%.0f", n / s}')"
echo "export: $rows rows in $export_s s = $rate rows/s; heap used peak (jstat, 100 ms) $peak_mb MB;" \
    "max heap after a GC ${after_gc_mb:-?} MB; -Xmx$HEAP"
[ "$rows" -ge "$ROWS" ] || die "export returned $rows rows, expected $ROWS"

stop_process audit-service
COLUMNS="id, event_id, event_type, source, resource_type, resource_id, project_id, user_id, actor_role, action, changes, request_metadata, sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id, seq, prev_checksum, checksum"
log "Baseline: COPY (SELECT the same columns ORDER BY occurred_at DESC, id DESC) TO STDOUT CSV"
began="$(date +%s%N)"
base_lines="$(audit_psql "$DATASET_DB" -c "\\copy (SELECT $COLUMNS FROM audit_logs ORDER BY occurred_at DESC, id DESC) TO STDOUT WITH (FORMAT csv, HEADER)" | wc -l)"
base_s="$(awk -v b="$began" -v e="$(date +%s%N)" 'BEGIN {printf "%.3f", (e - b) / 1e9}')"
base_rate="$(awk -v n="$((base_lines - 1))" -v s="$base_s" 'BEGIN {printf "%.0f", n / s}')"
echo "baseline COPY TO STDOUT CSV: $((base_lines - 1)) rows in $base_s s = $base_rate rows/s"
echo "targets: >= 100000 rows/s, heap < 256 MB"
summary export "$rate" rows/s "$(awk -v a="$rate" -v b="$base_rate" 'BEGIN {printf "%.2f", a / b}')x COPY CSV at $base_rate rows/s; peak heap $peak_mb MB"
