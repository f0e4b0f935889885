#!/usr/bin/env bash
# Runs the full test suite against real PostgreSQL and real Kafka brokers started by the tests themselves.
# Extra arguments go to Maven, e.g. deploy/local/test.sh -pl audit-service -Dtest=HealthTest
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/witness.sh"

ensure_postgres
ensure_databases
ensure_witness_database
drop_stale_test_databases
ensure_chromium
ensure_go

cd "$ROOT"
./mvnw -B verify "$@"
# Dev mode as a developer starts it (fixed ports 8081/8082 and the local stack's Kafka): the full suite only.
if [ "$#" -eq 0 ]; then "$LOCAL/dev-check.sh"; fi
