#!/usr/bin/env bash
# Stops exactly what up.sh started, by pid file; PostgreSQL (a system service) is left running.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/witness.sh"

stop_witness
stop_process audit-service-2
stop_process audit-service
stop_process project-service
stop_process kafka
log "Stopped. Data kept in $STATE (delete it for a fresh start)."
