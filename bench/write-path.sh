#!/usr/bin/env bash
# Benchmark 3 — write path. Task title updates through project-service at a fixed rate, open loop (latency counted
# from each request's due time, so stalls are not hidden), with the outbox relay publishing to the broker meanwhile.
# audit-service is not running: this isolates the write path (bench/e2e-latency.sh measures the whole system).
# Baseline in the same run: pgbench at the same rate running the write's SQL core (update the task row, insert the
# outbox row, one transaction) over TCP, i.e. what PostgreSQL alone needs for the same durable work.
#
#   bench/write-path.sh        500 updates/s for 60 s after 15 s of warm-up (BENCH_SIZE=smoke: 50/s for 5 s)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RATE="${BENCH_RATE:-$(size 50 500)}"
SECONDS_RUN="${BENCH_SECONDS:-$(size 5 60)}"
WARMUP="$(size 2 15)"
PDB=pjctrl_bench_write
BENCH_DATABASES=("$PDB")

bench_start write-path
start_fresh_kafka
fresh_db "$PDB" pjctrl_project
start_project_service "$PDB"
await_ready project-service "$PS_PORT"

log "Updating tasks at $RATE/s for $SECONDS_RUN s (after $WARMUP s of warm-up)"
bench_tool http-load --base "$PS_URL" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" --tasks 1000 \
    --rate "$RATE" --seconds "$SECONDS_RUN" --warmup-seconds "$WARMUP" | tee "$STATE/write-result.txt"
p50="$(sed -n 's/^RESULT .*p50_ms=\([0-9.]*\).*/\1/p' "$STATE/write-result.txt")"
p99="$(sed -n 's/^RESULT .*p99_ms=\([0-9.]*\).*/\1/p' "$STATE/write-result.txt")"
from_ms="$(sed -n 's/^RESULT window_from_ms=\([0-9]*\).*/\1/p' "$STATE/write-result.txt")"
to_ms="$(sed -n 's/^RESULT .*window_to_ms=\([0-9]*\).*/\1/p' "$STATE/write-result.txt")"

sleep 3
echo "outbox relay (sent_at - occurred_at of the window's events; pending = not yet acknowledged by Kafka):"
project_psql "$PDB" -c "
    SELECT count(*) AS events, count(*) FILTER (WHERE sent_at IS NULL) AS pending,
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - occurred_at)) * 1000)::numeric, 1) AS relay_p50_ms,
           round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - occurred_at)) * 1000)::numeric, 1) AS relay_p99_ms
    FROM outbox_event WHERE occurred_at BETWEEN to_timestamp($from_ms / 1000.0) AND to_timestamp($to_ms / 1000.0)"

# Baseline: the same durable SQL at the same rate, without HTTP, JSON, auth, diffing or the reactive stack.
stop_process project-service
log "Baseline: pgbench, UPDATE task + INSERT outbox row per transaction, at $RATE tx/s for $SECONDS_RUN s"
project_psql "$PDB" -c "CREATE TABLE bench_ids AS SELECT row_number() OVER () AS n, id FROM task LIMIT 1000"
cat >"$STATE/write.pgbench" <<SQL
\\set n random(1, 1000)
BEGIN;
UPDATE task SET title = 'pgbench ' || :n || ' ' || clock_timestamp(), updated_at = clock_timestamp(), version = version + 1
    WHERE id = (SELECT id FROM bench_ids WHERE n = :n);
INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, occurred_at)
    VALUES (gen_random_uuid(), 'task', :n, 'task.update', repeat('x', 700), clock_timestamp());
COMMIT;
SQL
rm -f "$STATE"/pgbench_log.*
(cd "$STATE" && PGPASSWORD="$PJCTRL_DB_PASSWORD" /usr/lib/postgresql/*/bin/pgbench -n -h 127.0.0.1 -p "$PG_PORT" \
    -U pjctrl_project -c 4 -j 1 -R "$RATE" -T "$SECONDS_RUN" -l --log-prefix=pgbench_log -f write.pgbench "$PDB") \
    | grep -E "latency|tps|processed"
# pgbench's per-transaction log: column 3 is the latency in microseconds (schedule lag included with -R).
read -r base_p50 base_p99 < <(cat "$STATE"/pgbench_log.* | awk '{print $3}' | sort -n \
    | awk 'function rank(p) {i = int(NR * p); if (i < NR * p) i++; return v[i > 0 ? i : 1]}
           {v[NR] = $1} END {printf "%.2f %.2f\n", rank(0.5) / 1000, rank(0.99) / 1000}')
rm -f "$STATE"/pgbench_log.*
echo
echo "project-service task update at $RATE/s: p50=$p50 ms p99=$p99 ms (target p99 < 25 ms)"
echo "baseline pgbench same SQL at $RATE/s:   p50=$base_p50 ms p99=$base_p99 ms"
summary write-path "$p99" "ms p99 at $RATE updates/s" "$(awk -v p="$p99" 'BEGIN {printf "%.2f", p / 25}')x the 25 ms target; pgbench baseline p99 $base_p99 ms"
