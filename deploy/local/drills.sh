#!/usr/bin/env bash
# Fault drills (docs/reliability.md): real Kafka broker process, real PostgreSQL, both packaged services as JVMs.
#   deploy/local/drills.sh                 all drills
#   deploy/local/drills.sh broker-kill     one of: broker-kill audit-kill project-kill postgres-restart rebalance poison
# Each drill ends with: drill <name>: lost=N duplicated=N chains=valid|invalid dlq=N
# The drills use their own broker, databases and ports, so they never touch a stack started by up.sh;
# postgres-restart does restart the local PostgreSQL server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

declare -A METHODS=([broker-kill]=brokerKill [audit-kill]=auditKill [project-kill]=projectKill
    [postgres-restart]=postgresRestart [rebalance]=rebalance [poison]=poison)
selector="DrillsIT"
if [ $# -gt 0 ]; then
    method="${METHODS[$1]:-}"
    [ -n "$method" ] || die "unknown drill '$1' (one of: ${!METHODS[*]})"
    selector="DrillsIT#$method"
fi

ensure_postgres
ensure_databases
cd "$ROOT"
rm -f system-tests/target/drills.txt
./mvnw -B -q install -DskipTests -pl project-service,audit-service,system-tests -am
status=0
./mvnw -B -pl system-tests verify -Dit.test="$selector" -Dfailsafe.failIfNoSpecifiedTests=false || status=$?
echo
cat system-tests/target/drills.txt 2>/dev/null || echo "no drill completed: see system-tests/target/failsafe-reports"
exit $status
