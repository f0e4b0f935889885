#!/usr/bin/env bash
# Benchmark 6 — verify. POST /api/integrity/verify over the whole 5 M-entry log (same dataset as bench/query.sh):
# entries/s. Baseline in the same run: the same checks (recompute every checksum, check links and seq) as a plain
# single-threaded JDBC loop with audit-service's chain code (bench tool verify-baseline).
#
#   bench/verify.sh        5,000,000 entries (BENCH_SIZE=smoke: 20,000)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${BENCH_ROWS:-$(size 20000 5000000)}"

bench_start verify
start_dataset_services pjctrl_bench_login "$ROWS"
TOKEN="$(admin_token)"
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no admin token"

log "Verifying all chains ($ROWS entries)"
began="$(date +%s%N)"
curl -sS --fail --max-time 1800 -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{}' "$AS_URL/api/integrity/verify" >"$STATE/verify-response.json"
verify_s="$(awk -v b="$began" -v e="$(date +%s%N)" 'BEGIN {printf "%.3f", (e - b) / 1e9}')"
jq -c '{status, checked, chains: [.chains[] | {chain_id, status, checked}], failures: (.failures | length)}' \
    "$STATE/verify-response.json"
status="$(jq -r .status "$STATE/verify-response.json")"
checked="$(jq -r .checked "$STATE/verify-response.json")"
[ "$status" = valid ] || die "verify reported $status: see $STATE/verify-response.json"
[ "$checked" -ge "$ROWS" ] || die "verify checked $checked entries, expected $ROWS"
rate="$(awk -v n="$checked" -v s="$verify_s" 'BEGIN {printf "%.0f", n / s}')"
echo "verify API: $checked entries in $verify_s s = $rate entries/s (status $status)"

stop_process audit-service
log "Baseline: the same checks in one JDBC loop"
bench_tool verify-baseline --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DATASET_DB" | tee "$STATE/verify-baseline.txt"
base_rate="$(sed -n 's/^RESULT .*baseline_rate=\([0-9]*\).*/\1/p' "$STATE/verify-baseline.txt")"
echo "target: >= 300000 entries/s"
summary verify "$rate" entries/s "$(awk -v a="$rate" -v b="$base_rate" 'BEGIN {printf "%.2f", a / b}')x the JDBC baseline at $base_rate entries/s"
