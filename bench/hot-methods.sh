#!/usr/bin/env bash
# Hot paths of a JFR recording made with BENCH_JFR=1, e.g. bench/hot-methods.sh bench/results/<stamp>-ingest-audit-service.jfr
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || die "usage: bench/hot-methods.sh FILE.jfr [TOP]"
bench_tool hot-methods --file "$1" --top "${2:-25}"
