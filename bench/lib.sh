# Shared functions of the benchmark scripts. Sourced, not executed.
#
# Reuses deploy/local/lib.sh (PostgreSQL, roles, keys, the KRaft broker, process handling) but keeps everything of its
# own apart from the local stack: state in bench/.state, Kafka on 127.0.0.1:19092 (controller 19093), project-service
# on :18081, audit-service on :18082, databases pjctrl_bench_*. A benchmark can run while deploy/local/up.sh's stack
# runs (though it should not: the figures need a quiet machine).
#
# Sizes: BENCH_SIZE=full (default, the sizes of issue 8) or BENCH_SIZE=smoke (seconds; proves the scripts work, its
# figures mean nothing; the build runs it, see bench/pom.xml). Other knobs: BENCH_JFR=1 records a JFR profile of the
# measured service into bench/results/; BENCH_KEEP=1 leaves services and databases behind for inspection.
# shellcheck shell=bash

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PJCTRL_KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
export PJCTRL_KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19093}"
# shellcheck source=../deploy/local/lib.sh
source "$BENCH/../deploy/local/lib.sh"

# deploy/local/lib.sh's functions read these at call time: point them at the benchmark's own state.
STATE="$BENCH/.state"
KAFKA_HOME="$STATE/kafka"
KEYS="$STATE/keys"
mkdir -p "$STATE" "$BENCH/results"

BENCH_SIZE="${BENCH_SIZE:-full}"
case "$BENCH_SIZE" in full | smoke) ;; *) die "BENCH_SIZE must be full or smoke, not $BENCH_SIZE" ;; esac
PS_PORT="${BENCH_PROJECT_PORT:-18081}"
AS_PORT="${BENCH_AUDIT_PORT:-18082}"
PS_URL="http://127.0.0.1:$PS_PORT"
AS_URL="http://127.0.0.1:$AS_PORT"
ADMIN_EMAIL="bench-admin@pjctrl.local"
ADMIN_PASSWORD="bench-admin-pw-$(hostname | sha256sum | head -c 12)"
RESULTS="$BENCH/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

# size smoke full: the value for the current BENCH_SIZE.
size() { if [ "$BENCH_SIZE" = smoke ]; then echo "$1"; else echo "$2"; fi; }

now_ms() { date +%s%3N; }

# The one summary line every benchmark ends with: `name: value unit (ratio)`.
summary() { printf '%s: %s %s (%s)\n' "$1" "$2" "$3" "$4"; }

# --- the machine ------------------------------------------------------------------------------

machine() {
    local cpu
    cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr)," \
        "$(java -version 2>&1 | head -n 1), $(pg_super -d postgres -Atc 'SHOW server_version' 2>/dev/null | cut -d' ' -f1)"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (work tree has changes)')"
    echo "size: $BENCH_SIZE; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$BENCH_SIZE" = full ] && awk '{exit !($1 > 0.5)}' /proc/loadavg; then
        log "WARNING: the machine is not quiet (load average $(cut -d' ' -f1 /proc/loadavg)); figures will be low"
    fi
}

# --- builds -----------------------------------------------------------------------------------

newer_than() { [ -n "$(find "$@" -type f -newer "$TARGET_FILE" -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]; }

# Packages both services and the bench tools when a source is newer than what was built (tests skipped). Not when
# BENCH_PREBUILT=1: the Maven build that runs the smoke (bench/pom.xml) has just packaged all of it.
ensure_built() {
    if [ "${BENCH_PREBUILT:-0}" = 1 ]; then
        local built
        for built in "$ROOT/project-service/target/quarkus-app/quarkus-run.jar" \
            "$ROOT/audit-service/target/quarkus-app/quarkus-run.jar" "$BENCH/target/classes/io/pjctrl/bench/Main.class"; do
            [ -f "$built" ] || die "BENCH_PREBUILT=1 but $built is not built"
        done
        [ -n "$(ls "$BENCH/target/lib" 2>/dev/null)" ] || die "BENCH_PREBUILT=1 but $BENCH/target/lib is empty"
        return 0
    fi
    TARGET_FILE="$ROOT/audit-service/target/quarkus-app/quarkus-run.jar"
    local ps_jar="$ROOT/project-service/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$TARGET_FILE" ] || [ ! -f "$ps_jar" ] || newer_than "$ROOT/audit-service/src" "$ROOT/audit-service/pom.xml" "$ROOT/web-common/src" "$ROOT/contract/src" \
        || { TARGET_FILE="$ps_jar" && newer_than "$ROOT/project-service/src" "$ROOT/project-service/pom.xml"; }; then
        log "Building the services (tests skipped)"
        (cd "$ROOT" && ./mvnw -B -q -pl project-service,audit-service -am install -DskipTests) || die "service build failed"
    fi
    TARGET_FILE="$BENCH/target/lib/.complete"
    if [ ! -f "$TARGET_FILE" ] || newer_than "$BENCH/src" "$BENCH/pom.xml" "$ROOT/contract/src/main"; then
        log "Building the bench tools"
        (cd "$ROOT" && ./mvnw -B -q -f bench/pom.xml package -DskipTests) || die "bench build failed"
        touch "$BENCH/target/lib/.complete"
    fi
}

# Runs one of the Java tools (io.pjctrl.bench.Main): produce, await-stored, dataset, http-load, query, verify-baseline,
# hot-methods, proofs, poison, dead-letters.
bench_tool() {
    java -Xms256m -Xmx1g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$BENCH/target/classes:$BENCH/target/lib/*" io.pjctrl.bench.Main "$@"
}

# --- infrastructure ---------------------------------------------------------------------------

# A fresh broker with empty topics (6 partitions for the events, like the local stack).
start_fresh_kafka() {
    (KAFKA_HOME="$LOCAL/.state/kafka" && ensure_kafka_jars)
    mkdir -p "$KAFKA_HOME"
    ln -sfn "$LOCAL/.state/kafka/libs" "$KAFKA_HOME/libs"
    stop_process kafka
    rm -rf "$KAFKA_HOME/data" "$STATE/kafka.log"
    # Formatted here rather than by start_kafka: its random cluster id can start with '-', which the storage tool
    # takes for an option (1 run in 64 fails). Ours starts with a letter.
    write_kafka_config
    kafka_java kafka.tools.StorageTool format -t "b$(head -c 15 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
        -c "$KAFKA_HOME/server.properties" >"$STATE/kafka-format.log" 2>&1 || die "format failed: see $STATE/kafka-format.log"
    start_kafka
}

# fresh_db NAME OWNER: drops and recreates a benchmark database.
fresh_db() {
    pg_super -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\" OWNER \"$2\""
}

drop_db() { pg_super -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null; }

# psql as the audit role over TCP (like the service), on database $1.
audit_psql() {
    local db="$1"
    shift
    PGPASSWORD="$PJCTRL_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U pjctrl_audit -d "$db" "$@"
}

project_psql() {
    local db="$1"
    shift
    PGPASSWORD="$PJCTRL_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U pjctrl_project -d "$db" "$@"
}

# --- services ---------------------------------------------------------------------------------

# launch_service NAME PORT DATABASE HEAP [ENV=VALUE...]: starts a packaged service on its benchmark port and database.
launch_service() {
    local name="$1" port="$2" db="$3" heap="$4"
    shift 4
    local jvm=(-Xms128m "-Xmx$heap" "-Xlog:gc:file=$STATE/$name-gc.log")
    if [ "${BENCH_JFR:-0}" = 1 ]; then
        jvm+=("-XX:StartFlightRecording=filename=$RESULTS/$STAMP-$BENCH_NAME-$name.jfr,settings=profile")
    fi
    stop_process "$name"
    : >"$STATE/$name.log"
    nohup env "PJCTRL_DB_PASSWORD=$PJCTRL_DB_PASSWORD" "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT" \
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$KEYS/jwt-public.pem" "QUARKUS_HTTP_PORT=$port" \
        "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/$db" \
        "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$db" "$@" \
        java "${jvm[@]}" -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" >>"$STATE/$name.log" 2>&1 &
    echo $! >"$STATE/$name.pid"
}

start_project_service() {
    launch_service project-service "$PS_PORT" "$1" 512m \
        "SMALLRYE_JWT_SIGN_KEY_LOCATION=$KEYS/jwt-private.pem" \
        "PJCTRL_ADMIN_EMAIL=$ADMIN_EMAIL" "PJCTRL_ADMIN_PASSWORD=$ADMIN_PASSWORD"
}

# start_audit_service DATABASE [HEAP]
start_audit_service() {
    launch_service audit-service "$AS_PORT" "$1" "${2:-512m}" \
        "PJCTRL_CHECKPOINT_PRIVATE_KEY_FILE=$KEYS/checkpoint-private.pem" \
        "PJCTRL_PRIVACY_KEY_ENCRYPTION_KEY=YmVuY2gtb25seS1rZXktZW5jcnlwdGlvbi1rZXktMzI="  # a fixed bench-only key of the data subjects' keys
}

await_ready() {
    local name="$1" port="$2"
    for _ in $(seq 1 240); do
        if curl -fsS --max-time 2 "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then return 0; fi
        running "$name" || { tail -n 40 "$STATE/$name.log" >&2; die "$name exited: see $STATE/$name.log"; }
        sleep 0.5
    done
    die "$name not ready after 120 s: see $STATE/$name.log"
}

pid_of() { cat "$STATE/$1.pid"; }

# An admin token from project-service (audit-service verifies the same key).
admin_token() {
    curl -fsS --max-time 10 -X POST "$PS_URL/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token
}

# --- cleanup ----------------------------------------------------------------------------------

BENCH_DATABASES=()

# Stops what the benchmark started and drops its databases, unless BENCH_KEEP=1. Installed as the EXIT trap.
cleanup() {
    local status=$?
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        log "BENCH_KEEP=1: leaving services and databases (${BENCH_DATABASES[*]}) running; bench/clean.sh removes them"
        return $status
    fi
    stop_process audit-service
    stop_process project-service
    stop_process kafka
    rm -rf "$KAFKA_HOME/data"
    local db
    for db in "${BENCH_DATABASES[@]}"; do drop_db "$db"; done
    return $status
}

# bench_start NAME: common start of every benchmark script.
bench_start() {
    BENCH_NAME="$1"
    exec > >(tee "$RESULTS/$STAMP-$BENCH_NAME-$BENCH_SIZE.log") 2>&1
    log "Benchmark $BENCH_NAME ($BENCH_SIZE) — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    command -v jq >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; } || die "jq is needed"
    ensure_postgres
    ensure_databases
    ensure_keys
    ensure_built
    machine
}

# --- datasets for query / export / verify -----------------------------------------------------

# ensure_dataset ROWS [DAYS]: a database pjctrl_bench_ds_ROWS holding ROWS chained entries (DatasetTool) spread over
# the last DAYS days (default 180; any other span is its own database, pjctrl_bench_ds_ROWS_dDAYS, with its own marker),
# kept between runs because loading millions of rows takes minutes. It is rebuilt when the audit schema, the
# generator or the checkpoint key changed.
# Sets DATASET_DB, and DATASET_BUILT to 1 if it built it (else 0). audit-service must not be running.
ensure_dataset() {
    local rows="$1" days="${2:-180}" marker
    DATASET_DB="pjctrl_bench_ds_$rows"
    [ "$days" = 180 ] || DATASET_DB+="_d$days"
    # The checkpoint key is part of it: the services that query a dataset sign checkpoints into it, and a checkout
    # with other keys (bench/.state/keys) would find them signed by a key it does not trust.
    marker="pjctrl-bench rows=$rows$([ "$days" = 180 ] || echo " days=$days") $(cat "$ROOT"/audit-service/src/main/resources/db/migration/*.sql \
        "$BENCH"/src/main/java/io/pjctrl/bench/{DatasetTool,DatasetTiles,EventGenerator,Sensitivity}.java \
        "$ROOT"/contract/src/main/java/io/pjctrl/contract/{chain,tlog}/*.java "$KEYS/checkpoint-public.pem" \
        | sha256sum | head -c 16)"
    if [ "${BENCH_FRESH:-0}" != 1 ] && [ "$(pg_super -d postgres -Atc \
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DATASET_DB'")" = "$marker" ]; then
        log "Reusing dataset $DATASET_DB ($rows rows)"
        DATASET_BUILT=0
        return 0
    fi
    log "Building dataset $DATASET_DB: $rows chained entries over $days days (takes minutes at 5 M)"
    fresh_db "$DATASET_DB" pjctrl_audit
    start_audit_service "$DATASET_DB" # Flyway creates the schema
    await_ready audit-service "$AS_PORT"
    stop_process audit-service
    bench_tool dataset --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/$DATASET_DB" --rows "$rows" \
        --days "$days" || die "dataset load failed"
    pg_super -d postgres -c "COMMENT ON DATABASE \"$DATASET_DB\" IS '$marker'"
    DATASET_BUILT=1
}

# start_dataset_services LOGIN_DB ROWS [AUDIT_HEAP]: how the benchmarks that read a dataset start (query, export,
# verify, proofs): a fresh broker, the dataset of ROWS entries (ensure_dataset), project-service on a fresh LOGIN_DB
# (for the admin's token) and audit-service over the dataset, both ready. A smoke run drops its dataset at exit; a full
# run keeps it for the next.
start_dataset_services() {
    local login_db="$1" rows="$2"
    BENCH_DATABASES=("$login_db")
    start_fresh_kafka
    ensure_dataset "$rows"
    [ "$BENCH_SIZE" = full ] || BENCH_DATABASES+=("$DATASET_DB")
    fresh_db "$login_db" pjctrl_project
    start_project_service "$login_db"
    start_audit_service "$DATASET_DB" "${3:-512m}"
    await_ready project-service "$PS_PORT"
    await_ready audit-service "$AS_PORT"
}
