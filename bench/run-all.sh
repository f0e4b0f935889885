#!/usr/bin/env bash
# Runs every benchmark in turn and collects their summary lines. BENCH_SIZE=smoke bench/run-all.sh is the quick check
# that the scripts still work (figures meaningless); the full run takes about an hour on a 2-core machine.
set -uo pipefail
cd "$(dirname "$0")"
status=0
summaries=()
for name in ingest e2e-latency write-path query export verify proofs poison; do
    if output="$(./"$name".sh 2>&1)"; then
        # The script's summary line (its cleanup may log after it).
        summaries+=("$(printf '%s\n' "$output" | grep -E "^$name: " | tail -n 1)")
    else
        status=1
        printf '%s\n' "$output" | tail -n 30
        summaries+=("$name: FAILED")
    fi
done
# Issue 16's hot-resource mode of the ingest benchmark.
if output="$(BENCH_HOT_RESOURCE=1 ./ingest.sh 2>&1)"; then
    summaries+=("$(printf '%s\n' "$output" | grep -E "^ingest-hot: " | tail -n 1)")
else
    status=1
    printf '%s\n' "$output" | tail -n 30
    summaries+=("ingest-hot: FAILED")
fi
printf '%s\n' "${summaries[@]}"
exit $status
