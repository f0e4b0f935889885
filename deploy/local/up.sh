#!/usr/bin/env bash
# Starts the whole stack on this machine: PostgreSQL (local server), an Apache Kafka broker (KRaft, jars from
# Maven Central), project-service on :8081, audit-service on :8082
# and a witness on :8084 (deploy/local/witness.sh). Idempotent: what already runs is kept.
# PJCTRL_AUDIT_REPLICAS=2 also starts a second audit-service on :8083 in the same consumer group, with the same keys
# and cursor secret, so multi-replica behaviour (partitions split, cursors and alert streams across instances) can
# be tried on one machine.
# project-service trusts X-Forwarded-For from 127.0.0.1 only: the admin UI's sign-in proxy in audit-service, so
# user.login events name the browser's address. Logs and pid files: deploy/local/.state/. Stop everything with deploy/local/down.sh.
# --infra: PostgreSQL, Kafka and the dev keys only, for `./mvnw quarkus:dev -pl project-service|audit-service -am`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/witness.sh"

export PJCTRL_ADMIN_EMAIL="${PJCTRL_ADMIN_EMAIL:-admin@pjctrl.local}"
export PJCTRL_ADMIN_PASSWORD="${PJCTRL_ADMIN_PASSWORD:-admin-local-pw}"

ensure_postgres
ensure_databases
ensure_keys
start_kafka

if [ "${1:-}" = "--infra" ]; then
    cat <<INFO

  PostgreSQL 127.0.0.1:$PG_PORT, Kafka 127.0.0.1:$KAFKA_PORT and the dev keys ($KEYS) are ready. Dev mode:
    ./mvnw quarkus:dev -pl project-service -am     # http://127.0.0.1:8081, live reload
    ./mvnw quarkus:dev -pl audit-service -am       # http://127.0.0.1:8082 (another terminal)
  Stop: deploy/local/down.sh
INFO
    exit 0
fi

# Builds the services when a source, resource or pom is newer than the packaged application.
stale() {
    local module="$1" jar="$ROOT/$1/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || return 0
    [ -n "$(find "$ROOT/$module/src" "$ROOT/$module/pom.xml" "$ROOT/pom.xml" "$ROOT/web-common/src" "$ROOT/web-common/pom.xml" \
        -newer "$jar" -type f -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]
}
if stale project-service || stale audit-service; then
    log "Building the services (./mvnw package, tests skipped: deploy/local/test.sh runs them)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "build failed"
fi

AUDIT_REPLICAS="${PJCTRL_AUDIT_REPLICAS:-1}"
case "$AUDIT_REPLICAS" in 1 | 2) ;; *) die "PJCTRL_AUDIT_REPLICAS must be 1 or 2 (ports 8082, 8083), not $AUDIT_REPLICAS" ;; esac

# start_service <name> <module> ENV=value...: the module's packaged jar as process <name> (pid and log files).
start_service() {
    local name="$1" module="$2"
    shift 2
    if running "$name"; then log "$name already running (pid $(cat "$STATE/$name.pid"))"; return 0; fi
    log "Starting $name"
    nohup env "$@" java -Xms128m -Xmx512m -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" \
        >>"$STATE/$name.log" 2>&1 &
    echo $! >"$STATE/$name.pid"
}

COMMON=(
    "PJCTRL_DB_PASSWORD=$PJCTRL_DB_PASSWORD"
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
    "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$KEYS/jwt-public.pem"
)
start_service project-service project-service "${COMMON[@]}" \
    "SMALLRYE_JWT_SIGN_KEY_LOCATION=$KEYS/jwt-private.pem" \
    "PJCTRL_HTTP_TRUSTED_PROXIES=127.0.0.1/32" \
    "PJCTRL_ADMIN_EMAIL=$PJCTRL_ADMIN_EMAIL" "PJCTRL_ADMIN_PASSWORD=$PJCTRL_ADMIN_PASSWORD"
# The witness first: audit-service submits every checkpoint to it (deploy/local/witness.sh).
start_witness
# Every audit-service instance gets the same keys, cursor secret and witness; each its own port and Kafka instance id.
mapfile -t WITNESS_ENV < <(audit_witness_env)
AUDIT=(
    "${COMMON[@]}"
    "PJCTRL_CHECKPOINT_PRIVATE_KEY_FILE=$KEYS/checkpoint-private.pem"
    "PJCTRL_API_CURSOR_SECRET=$(cat "$KEYS/cursor-secret")"
    # PJCTRL_OCSF_TOPIC_ENABLED=true deploy/local/up.sh: OCSF records on pjctrl.audit-ocsf (docs/operations.md).
    "PJCTRL_OCSF_TOPIC_ENABLED=${PJCTRL_OCSF_TOPIC_ENABLED:-false}"
    "PJCTRL_PRIVACY_KEY_ENCRYPTION_KEY=$(cat "$KEYS/privacy-kek")"
    "${WITNESS_ENV[@]}"
)
start_service audit-service audit-service "${AUDIT[@]}" "QUARKUS_HTTP_PORT=8082" "PJCTRL_INGEST_INSTANCE_ID=local-audit-1"
if [ "$AUDIT_REPLICAS" = 2 ]; then
    start_service audit-service-2 audit-service "${AUDIT[@]}" "QUARKUS_HTTP_PORT=8083" "PJCTRL_INGEST_INSTANCE_ID=local-audit-2"
fi

await_ready() {
    local name="$1" port="$2"
    for _ in $(seq 1 180); do
        if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
            log "$name is ready on http://127.0.0.1:$port"
            return 0
        fi
        running "$name" || die "$name exited: see $STATE/$name.log"
        sleep 1
    done
    die "$name not ready after 180 s: see $STATE/$name.log"
}

await_ready project-service 8081
await_ready audit-service 8082
if [ "$AUDIT_REPLICAS" = 2 ]; then await_ready audit-service-2 8083; fi
SECOND_AUDIT=""
if [ "$AUDIT_REPLICAS" = 2 ]; then
    SECOND_AUDIT="  audit-service #2 http://127.0.0.1:8083          (same group, keys and cursor secret: either one pages the other's cursors)"
fi
await_ready witness "$WITNESS_PORT"

cat <<INFO

  pjctrl-audit is running.

  project-service   http://127.0.0.1:8081          (API /api/..., Swagger UI /q/swagger-ui, health /q/health)
  audit-service     http://127.0.0.1:8082          (admin UI /, API /api/..., Swagger UI /q/swagger-ui)
$SECOND_AUDIT
  witness           http://127.0.0.1:$WITNESS_PORT          (C2SP tlog-witness: POST /add-checkpoint, GET /key; docs/witness.md)
  Kafka             127.0.0.1:$KAFKA_PORT (topics pjctrl.audit-events[$EVENT_PARTITIONS], .dlq, pjctrl.audit-alerts, pjctrl.audit-checkpoints, pjctrl.audit-ocsf)
  PostgreSQL        127.0.0.1:$PG_PORT (databases pjctrl_project, pjctrl_audit, pjctrl_witness; password from PJCTRL_DB_PASSWORD)

  Log in as the bootstrap admin:
    email     $PJCTRL_ADMIN_EMAIL
    password  $PJCTRL_ADMIN_PASSWORD
    curl -s -X POST http://127.0.0.1:8081/api/auth/login -H 'Content-Type: application/json' \\
         -d '{"email":"$PJCTRL_ADMIN_EMAIL","password":"$PJCTRL_ADMIN_PASSWORD"}'

  Logs: $STATE/*.log      Stop: deploy/local/down.sh
INFO
