#!/usr/bin/env bash
# Benchmark 2 — end-to-end latency. Writes through project-service at a fixed rate (task title updates, and one task
# create in 20) with both services and the broker running, and measures commit -> queryable in audit-service, two ways:
#   db:    recorded_at - occurred_at of every entry written in the measured window. occurred_at is stamped by
#          project-service in the write's transaction, recorded_at by the ingest when it stores the entry.
#   probe: 1 write in 50 is followed with GET /api/audit-logs?resource_id=... (polled every 10 ms) until the entry is
#          returned; timed from the moment the write was due (before its commit): an upper bound of commit -> visible.
# The summary takes the larger of the two p99s.
#
#   bench/e2e-latency.sh        1,000 writes/s for 60 s after 15 s of warm-up (BENCH_SIZE=smoke: 50/s for 5 s)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RATE="${BENCH_RATE:-$(size 50 1000)}"
SECONDS_RUN="${BENCH_SECONDS:-$(size 5 60)}"
WARMUP="$(size 2 15)"
PDB=pjctrl_bench_project
ADB=pjctrl_bench_e2e
BENCH_DATABASES=("$PDB" "$ADB")

bench_start e2e-latency
start_fresh_kafka
fresh_db "$PDB" pjctrl_project
fresh_db "$ADB" pjctrl_audit
start_project_service "$PDB"
start_audit_service "$ADB"
await_ready project-service "$PS_PORT"
await_ready audit-service "$AS_PORT"

log "Writing at $RATE/s for $SECONDS_RUN s (after $WARMUP s of warm-up)"
bench_tool http-load --base "$PS_URL" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" --tasks 1000 \
    --rate "$RATE" --seconds "$SECONDS_RUN" --warmup-seconds "$WARMUP" --create-every 20 \
    --audit-base "$AS_URL" --probe-every 50 --probe-poll-ms 10 | tee "$STATE/e2e-result.txt"
from_ms="$(sed -n 's/^RESULT window_from_ms=\([0-9]*\).*/\1/p' "$STATE/e2e-result.txt")"
to_ms="$(sed -n 's/^RESULT .*window_to_ms=\([0-9]*\).*/\1/p' "$STATE/e2e-result.txt")"
writes="$(sed -n 's/^RESULT .*writes_ok=\([0-9]*\).*/\1/p' "$STATE/e2e-result.txt")"
probe_p50="$(sed -n 's/^RESULT probe_count.*probe_p50_ms=\([0-9.]*\).*/\1/p' "$STATE/e2e-result.txt")"
probe_p99="$(sed -n 's/^RESULT probe_count.*probe_p99_ms=\([0-9.]*\).*/\1/p' "$STATE/e2e-result.txt")"

WINDOW="occurred_at BETWEEN to_timestamp($from_ms / 1000.0) AND to_timestamp($to_ms / 1000.0)"
log "Waiting until the ingest has stored every write of the window ($writes)"
previous=-1
for _ in $(seq 1 120); do
    stored="$(audit_psql "$ADB" -Atc "SELECT count(*) FROM audit_logs WHERE $WINDOW")"
    if [ "$stored" -ge "$writes" ] && [ "$stored" = "$previous" ]; then break; fi
    previous="$stored"
    sleep 1
done
echo "entries stored for the window: $stored (writes acknowledged: $writes)"
[ "$stored" -ge "$writes" ] || die "audit-service stored only $stored of $writes writes"

read -r n db_p50 db_p99 db_max < <(audit_psql "$ADB" -AtF ' ' -c "
    SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(max(ms)::numeric, 1)
    FROM (SELECT extract(epoch FROM recorded_at - occurred_at) * 1000 AS ms FROM audit_logs WHERE $WINDOW) t")
# Where the time goes: the first leg, commit -> acknowledged by Kafka, is the outbox relay's (project-service's DB).
read -r relay_p50 relay_p99 < <(project_psql "$PDB" -AtF ' ' -c "
    SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - occurred_at)) * 1000)::numeric, 1),
           round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - occurred_at)) * 1000)::numeric, 1)
    FROM outbox_event WHERE $WINDOW AND sent_at IS NOT NULL")
echo
echo "commit -> stored (db, recorded_at - occurred_at, $n entries): p50=$db_p50 ms p99=$db_p99 ms max=$db_max ms"
echo "  of which commit -> in Kafka (outbox relay, sent_at - occurred_at): p50=$relay_p50 ms p99=$relay_p99 ms"
echo "write due -> visible in the audit API (probe):                p50=$probe_p50 ms p99=$probe_p99 ms"
echo "target: p99 < 500 ms"
p99="$(awk -v a="$db_p99" -v b="${probe_p99:-0}" 'BEGIN {print (a > b ? a : b)}')"
summary e2e-latency "$p99" "ms p99 at $RATE writes/s" "$(awk -v p="$p99" 'BEGIN {printf "%.2f", p / 500}')x the 500 ms target; p50 $db_p50 ms"
