#!/usr/bin/env bash
# Benchmark 8 — dead letters. A producer with a bug floods the events topic while audit-service runs: N malformed
# records (seven kinds, from unparsable bytes to valid JSON whose ce_type contradicts its data) with one good event
# after every 100, spread over the 6 partitions by key, sent as fast as the producer can (BENCH_POISON_RATE=records/s
# paces it). Measures the dead-letter rate (the dead-letter topic's end offset, sampled every 50 ms, from the first
# record sent) and each good event's delay from its send to its recorded_at; checks that the dead-letter topic gained
# exactly one record per malformed one, in each partition's order, and that every good event is stored once.
#
#   bench/poison.sh                         100,000 malformed records (BENCH_SIZE=smoke: 2,000)
#   BENCH_POISON=200000 bench/poison.sh     another size
#   BENCH_POISON_DB=name bench/poison.sh    another database name (default pjctrl_bench_poison; PostgreSQL is shared,
#                                           so concurrent runs from several clones need names of their own)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MALFORMED="${BENCH_POISON:-$(size 2000 100000)}"
RATE="${BENCH_POISON_RATE:-0}"
DB="${BENCH_POISON_DB:-pjctrl_bench_poison}"
BENCH_DATABASES=("$DB")

bench_start poison
start_fresh_kafka
fresh_db "$DB" pjctrl_audit
start_audit_service "$DB"
await_ready audit-service "$AS_PORT"

paced="as fast as the producer can"
[ "$RATE" = 0 ] || paced="at $RATE records/s"
log "Flooding pjctrl.audit-events with $MALFORMED malformed records, 1 good event per 100, $paced"
bench_tool poison --bootstrap "127.0.0.1:$KAFKA_PORT" --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
    --malformed "$MALFORMED" --good-every 100 --rate "$RATE" --warmup "$(size 500 5000)" \
    --timeout-s "$(size 180 1200)" | tee "$STATE/poison-result.txt"
echo "load average after the flood: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "audit-service log: $(wc -l <"$STATE/audit-service.log") lines, $(grep -c 'Dead-letter' "$STATE/audit-service.log" || true) about dead letters"
stop_process audit-service

result="$(grep '^RESULT ' "$STATE/poison-result.txt")" || die "no result"
value() { printf '%s\n' "$result" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
drain_s="$(value drain_seconds)"
p99="$(value good_p99_ms)"
[ -n "$drain_s" ] && [ -n "$p99" ] || die "no dead-letter rate or delay measured"
rate="$(awk -v n="$MALFORMED" -v s="$drain_s" 'BEGIN {printf "%.0f", n / s}')"
echo
echo "dead letters (first sent -> last dead letter): $MALFORMED in $drain_s s = $rate records/s"
echo "good events sent -> stored: p50=$(value good_p50_ms) ms p99=$p99 ms max=$(value good_max_ms) ms"
echo "targets: >= 10000 dead letters/s, good-event delay p99 <= 2000 ms"
summary poison "$rate" "dead letters/s, good p99 $p99 ms" \
    "$(awk -v r="$rate" -v p="$p99" 'BEGIN {printf "%.2fx and %.2fx the targets", r / 10000, p / 2000}')"
