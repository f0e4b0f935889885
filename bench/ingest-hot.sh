# Benchmark 1, BENCH_HOT_RESOURCE=1 mode (sourced by bench/ingest.sh): the ingest rate of events of ONE resource that
# already has a long versioned history, next to the rate of events of fresh resources, in the same run. Both
# workloads go onto one partition (one consumer, one chain), so the only difference is the history the version check
# has to answer for: BENCH_HOT_HISTORY versions of the hot task are ingested first (through the ingest itself), then
# BENCH_EVENTS creates of fresh tasks are timed, then BENCH_EVENTS further updates of the hot task. Each timed phase
# is produced while audit-service is stopped and drained by a fresh start (its "first stored -> all stored" rate), so
# neither phase profits from the other's warm JVM. Issue 16 asks the hot rate to be within 15 % of the fresh one.
#
#   BENCH_HOT_RESOURCE=1 bench/ingest.sh                  history 100,000, 50,000 events each (smoke: 2,000 / 2,000)
#   BENCH_HOT_HISTORY=20000 BENCH_HOT_RESOURCE=1 bench/ingest.sh
# shellcheck shell=bash

HISTORY="${BENCH_HOT_HISTORY:-$(size 2000 100000)}"
EVENTS="${BENCH_EVENTS:-$(size 2000 50000)}"
HOT_ID=00000000-0000-4000-8000-000000000016
DB=pjctrl_bench_ingest_hot
BENCH_DATABASES=("$DB")

bench_start ingest-hot
start_fresh_kafka
fresh_db "$DB" pjctrl_audit

# phase NAME EXPECTED_TOTAL ALREADY: starts audit-service on what waits on the topic, times it, stops it.
phase() {
    local name="$1" expected="$2" already="$3" launched
    pg_super -d postgres -c CHECKPOINT >/dev/null
    launched="$(now_ms)"
    start_audit_service "$DB"
    bench_tool await-stored --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" --expected "$expected" \
        --already "$already" --launched-at-ms "$launched" --pid "$(pid_of audit-service)" \
        --timeout-s "$(size 180 1800)" | tee "$STATE/ingest-hot-$name.txt"
    stop_process audit-service
}
steady_rate() {
    awk -v n="$2" -v s="$(sed -n 's/^RESULT .*steady_seconds=\([0-9.]*\).*/\1/p' "$STATE/ingest-hot-$1.txt")" \
        'BEGIN {if (s > 0) printf "%.0f", n / s; else exit 1}' || die "no drain time measured for $1"
}

log "History: $HISTORY versions of task $HOT_ID on partition 0, through the ingest"
bench_tool produce-resource --bootstrap "127.0.0.1:$KAFKA_PORT" --partition 0 --resource-id "$HOT_ID" \
    --from-version 1 --events "$HISTORY"
phase history "$HISTORY" 0

log "Fresh resources: $EVENTS creates of new tasks on partition 0"
bench_tool produce-resource --bootstrap "127.0.0.1:$KAFKA_PORT" --partition 0 --fresh true --events "$EVENTS"
phase fresh $((HISTORY + EVENTS)) "$HISTORY"

log "Hot resource: $EVENTS updates of task $HOT_ID, versions $((HISTORY + 1)).. on partition 0"
bench_tool produce-resource --bootstrap "127.0.0.1:$KAFKA_PORT" --partition 0 --resource-id "$HOT_ID" \
    --from-version $((HISTORY + 1)) --events "$EVENTS"
phase hot $((HISTORY + 2 * EVENTS)) $((HISTORY + EVENTS))

gaps="$(audit_psql "$DB" -Atc "SELECT count(*) FROM audit_version_gaps")"
head="$(audit_psql "$DB" -Atc "SELECT version FROM audit_resource_heads WHERE resource_id = '$HOT_ID'")"
[ "$gaps" = 0 ] || die "$gaps version gaps recorded: every version was produced in order"
[ "$head" = $((HISTORY + EVENTS)) ] || die "the hot task's head is $head, not $((HISTORY + EVENTS))"
history_rate="$(steady_rate history "$HISTORY")"
fresh_rate="$(steady_rate fresh "$EVENTS")"
hot_rate="$(steady_rate hot "$EVENTS")"
ratio="$(awk -v a="$hot_rate" -v b="$fresh_rate" 'BEGIN {printf "%.2f", a / b}')"
echo
echo "history (hot task, versions 1..$HISTORY):            $history_rate events/s"
echo "fresh resources ($EVENTS creates, one partition):    $fresh_rate events/s"
echo "hot resource ($EVENTS updates after $HISTORY versions): $hot_rate events/s"
echo "hot / fresh: ${ratio}x (issue 16: within 15 %, i.e. >= 0.85x); version gaps recorded: $gaps"
summary ingest-hot "$hot_rate" events/s "${ratio}x the fresh resources' $fresh_rate events/s, history $HISTORY"
