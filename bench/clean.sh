#!/usr/bin/env bash
# Stops whatever a benchmark left running (by pid file) and drops every benchmark database, the kept 5 M-entry
# datasets included. Results in bench/results/ stay.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop_process audit-service
stop_process project-service
stop_process kafka
rm -rf "$KAFKA_HOME/data"
for db in $(pg_super -d postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'pjctrl\_bench\_%'"); do
    log "Dropping $db"
    drop_db "$db"
done
