#!/usr/bin/env bash
# Benchmark 7 — transparency-log reads. Over the 5 M-entry dataset (its Merkle tiles built with it, bench/lib.sh
# ensure_dataset): p50/p95/p99 of GET /api/audit-logs/{id}/proof (a C2SP tlog-proof, checked against its checkpoint)
# and of GET /tlog/<chain>/tile/... (full tiles and entry bundles, no token), next to GET /api/audit-logs/{id} of the
# same entries as the baseline of the same run. A few events are ingested first so every chain gets a tree-root
# checkpoint signed by the service itself. Sequential requests (no queueing).
#
#   bench/proofs.sh        5,000,000 entries, 3,000 samples of each after 3,000 untimed (BENCH_SIZE=smoke: 20,000
#                          entries, 50 after 50)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${BENCH_ROWS:-$(size 20000 5000000)}"
SAMPLES="$(size 50 3000)"
WARMUP="$(size 50 3000)" # untimed requests of each kind first: the steady state, not the JIT's first minutes

bench_start proofs
start_dataset_services pjctrl_bench_login_proofs "$ROWS"

log "Ingesting 600 events so that the service signs a tree-root checkpoint of every chain (interval 10 s)"
bench_tool produce --bootstrap "127.0.0.1:$KAFKA_PORT" --events 600 --duplicates 0 --seed 77
log "Proofs and tiles over $ROWS entries, $SAMPLES samples each"
bench_tool proofs --login-base "$PS_URL" --audit-base "$AS_URL" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" \
    --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DATASET_DB" --samples "$SAMPLES" --warmup "$WARMUP" | tee "$STATE/proofs-result.txt"
proof="$(sed -n 's/^RESULT proof_p99_ms=\([0-9.]*\).*/\1/p' "$STATE/proofs-result.txt")"
tile="$(sed -n 's/^RESULT .*tile_p99_ms=\([0-9.]*\).*/\1/p' "$STATE/proofs-result.txt")"
[ -n "$proof" ] && [ -n "$tile" ] || die "no proof or tile latency measured"
echo "targets: inclusion proof p99 < 10 ms, tile read p99 < 5 ms"
summary proofs "$proof" "ms proof p99, $tile ms tile p99 over $ROWS entries" \
    "$(awk -v p="$proof" -v t="$tile" 'BEGIN {printf "%.2fx and %.2fx the targets", p / 10, t / 5}')"
