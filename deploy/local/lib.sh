# Shared functions of the deploy/local scripts. Sourced, not executed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/deploy/local"
STATE="$LOCAL/.state"
mkdir -p "$STATE"

export PJCTRL_DB_PASSWORD="${PJCTRL_DB_PASSWORD:-pjctrl-local}"
PG_HOST="${PJCTRL_PG_HOST:-127.0.0.1}"
PG_PORT="${PJCTRL_PG_PORT:-5432}"
KAFKA_PORT="${PJCTRL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${PJCTRL_KAFKA_CONTROLLER_PORT:-9093}"
EVENT_PARTITIONS="${PJCTRL_EVENT_PARTITIONS:-6}"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# --- PostgreSQL ------------------------------------------------------------------------------

# Runs psql as the database superuser over the local socket.
pg_super() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"
    else
        psql -X -q -v ON_ERROR_STOP=1 -U postgres "$@"
    fi
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

# Installs PostgreSQL if absent, starts the local cluster if stopped, waits until it accepts connections.
ensure_postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        log "PostgreSQL is not installed: installing it with apt"
        [ "$(id -u)" = 0 ] || die "installing PostgreSQL needs root (apt-get install postgresql)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    if ! pg_ready; then
        local version
        version="$(ls /etc/postgresql | sort -V | tail -n 1)"
        [ -n "$version" ] || die "no PostgreSQL cluster found under /etc/postgresql"
        log "Starting PostgreSQL $version/main"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    fi
    for _ in $(seq 1 60); do pg_ready && return 0; sleep 1; done
    die "PostgreSQL does not accept connections on $PG_HOST:$PG_PORT"
}

# Creates (or refreshes) the login roles and their databases. Idempotent. CREATEDB lets the test suites
# create and drop a database of their own per run.
ensure_databases() {
    local role
    for role in pjctrl_project pjctrl_audit; do
        pg_super -d postgres -v role="$role" -v pw="$PJCTRL_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN CREATEDB PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'role') \gexec
SQL
    done
}

# Test runs (the services' and the witness's) create databases named <role>_t<yyyyMMddHHmmss>_<hex> and drop them
# when they end; a run that was killed leaves its database behind. Drop those older than a day (never a running run's).
drop_stale_test_databases() {
    local cutoff
    cutoff="$(date -u -d '1 day ago' +%Y%m%d%H%M%S)"
    pg_super -d postgres -At -c "SELECT datname FROM pg_database WHERE datname ~ '^pjctrl_(project|audit|witness)_t[0-9]{14}_[0-9a-f]+$'" |
        while read -r db; do
            stamp="${db#*_t}"
            stamp="${stamp%%_*}"
            if [ "$stamp" -lt "$cutoff" ]; then pg_super -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"; fi
        done
}

# --- Kafka -----------------------------------------------------------------------------------

KAFKA_HOME="$STATE/kafka"

# Resolves Apache Kafka (the version the Quarkus BOM manages) from Maven Central into .state/kafka/libs.
ensure_kafka_jars() {
    if [ -f "$KAFKA_HOME/libs/.complete" ]; then return 0; fi
    log "Resolving Apache Kafka jars from Maven Central"
    rm -rf "$KAFKA_HOME/libs"
    "$ROOT/mvnw" -B -q -f "$LOCAL/kafka/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$KAFKA_HOME/libs" -DincludeScope=runtime || die "could not resolve the Kafka jars"
    touch "$KAFKA_HOME/libs/.complete"
}

kafka_java() {
    java -Xms256m -Xmx1g -XX:+UseG1GC -Dlog4j2.configurationFile="$LOCAL/kafka/log4j2.yaml" \
        -cp "$KAFKA_HOME/libs/*" "$@"
}

write_kafka_config() {
    mkdir -p "$KAFKA_HOME/data"
    cat >"$KAFKA_HOME/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=$EVENT_PARTITIONS
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=4194304
CONF
}

# A random KRaft cluster id: 16 bytes, base64url. One starting with '-' would be read as an option: draw again.
kafka_cluster_id() {
    local id
    while :; do
        id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
        [ "${id:0:1}" != "-" ] && { echo "$id"; return; }
    done
}

# Starts the KRaft broker unless ours already runs; formats its storage only once.
start_kafka() {
    if running kafka; then log "Kafka already running (pid $(cat "$STATE/kafka.pid"))"; return 0; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
        die "port $KAFKA_PORT is taken by a process that is not ours; stop it or set PJCTRL_KAFKA_PORT"
    fi
    ensure_kafka_jars
    write_kafka_config
    if [ ! -f "$KAFKA_HOME/data/meta.properties" ]; then
        log "Formatting Kafka storage (once)"
        kafka_java kafka.tools.StorageTool format -t "$(kafka_cluster_id)" \
            -c "$KAFKA_HOME/server.properties" >"$STATE/kafka-format.log" 2>&1 || die "format failed: see $STATE/kafka-format.log"
    fi
    log "Starting Kafka on 127.0.0.1:$KAFKA_PORT"
    nohup java -Xms256m -Xmx1g -XX:+UseG1GC -Dlog4j2.configurationFile="$LOCAL/kafka/log4j2.yaml" \
        -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$KAFKA_HOME/server.properties" >>"$STATE/kafka.log" 2>&1 &
    echo $! >"$STATE/kafka.pid"
    for _ in $(seq 1 120); do
        if grep -q "Kafka Server started" "$STATE/kafka.log" 2>/dev/null; then break; fi
        running kafka || die "Kafka exited: see $STATE/kafka.log"
        sleep 0.5
    done
    grep -q "Kafka Server started" "$STATE/kafka.log" || die "Kafka did not start in 60 s: see $STATE/kafka.log"
    ensure_topics
}

ensure_topics() {
    kafka_java "$LOCAL/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" \
        "pjctrl.audit-events=$EVENT_PARTITIONS" "pjctrl.audit-events.dlq=1" \
        "pjctrl.audit-alerts=1" "pjctrl.audit-checkpoints=1:compact" "pjctrl.audit-ocsf=$EVENT_PARTITIONS" \
        || die "could not create topics"
}

# --- processes -------------------------------------------------------------------------------

# True when the pid file of $1 names a live process that is really ours (guards against pid reuse).
running() {
    local pidfile="$STATE/$1.pid" pid
    [ -f "$pidfile" ] || return 1
    pid="$(cat "$pidfile")"
    [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -e "kafka.Kafka" -e "quarkus-run.jar"
}

stop_process() {
    local name="$1" pid
    if ! running "$name"; then rm -f "$STATE/$name.pid"; return 0; fi
    pid="$(cat "$STATE/$name.pid")"
    log "Stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do [ -d "/proc/$pid" ] || break; sleep 0.5; done
    if [ -d "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$STATE/$name.pid"
}

# --- keys ------------------------------------------------------------------------------------

KEYS="$STATE/keys"

# Dev keys, generated once outside git: RSA pair for the JWTs, Ed25519 for the checkpoint signatures, the HMAC
# secret of the paging cursors (shared by every audit-service instance).
ensure_keys() {
    mkdir -p "$KEYS"
    chmod 700 "$KEYS"
    command -v openssl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq openssl >/dev/null; }
    if [ ! -f "$KEYS/jwt-private.pem" ]; then
        log "Generating the dev JWT key pair in $KEYS"
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/jwt-private.pem" 2>/dev/null
        openssl pkey -in "$KEYS/jwt-private.pem" -pubout -out "$KEYS/jwt-public.pem"
    fi
    if [ ! -f "$KEYS/checkpoint-private.pem" ]; then
        log "Generating the dev checkpoint signing key (Ed25519) in $KEYS"
        openssl genpkey -algorithm ed25519 -out "$KEYS/checkpoint-private.pem"
        openssl pkey -in "$KEYS/checkpoint-private.pem" -pubout -out "$KEYS/checkpoint-public.pem"
    fi
    if [ ! -f "$KEYS/privacy-kek" ]; then
        log "Generating the dev key-encryption key of audit-service's personal data in $KEYS"
        (umask 077 && openssl rand -base64 32 >"$KEYS/privacy-kek")
    fi
    if [ ! -f "$KEYS/cursor-secret" ]; then
        log "Generating the dev cursor secret (HMAC key of audit-service's paging cursors) in $KEYS"
        (umask 077 && openssl rand -base64 48 >"$KEYS/cursor-secret")
    fi
    chmod 600 "$KEYS"/*-private.pem "$KEYS/cursor-secret"
}

# --- browser tests ---------------------------------------------------------------------------

# Debian's Chromium for the admin UI's end-to-end test (driven by playwright-core; no browser download).
ensure_chromium() {
    if command -v chromium >/dev/null 2>&1; then return 0; fi
    if [ "$(id -u)" != 0 ]; then
        log "chromium is missing and this is not root: the browser test will be skipped"
        return 0
    fi
    log "Installing Debian's chromium for the browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
        || die "could not install chromium"
}

# Go and golang.org/x/mod (Debian's golang-go, golang-golang-x-mod-dev) for the system test that checks the public
# transparency-log API with Go's reference signed-note and tile code (system-tests/src/test/go/tlogclient).
GO_X_MOD=/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog
ensure_go() {
    if command -v go >/dev/null 2>&1 && [ -d "$GO_X_MOD" ]; then return 0; fi
    if [ "$(id -u)" != 0 ]; then
        log "go or golang.org/x/mod is missing and this is not root: the Go tlog client test will be skipped"
        return 0
    fi
    log "Installing Debian's Go and golang.org/x/mod for the Go tlog client test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-golang-x-mod-dev >/dev/null \
        || die "could not install golang-go and golang-golang-x-mod-dev"
}

# --- the local stack's fixed ports -----------------------------------------------------------

LOCAL_STACK_LOCK=/tmp/pjctrl-local-stack.lock

# Serialises whatever needs the local stack's fixed ports (8081/8082, Kafka's 9092) across checkouts of this machine.
# A lock inherited from the caller (`flock /tmp/pjctrl-local-stack.lock deploy/local/test.sh`) is reused: locking a
# descriptor of our own would wait for that caller, that is for ourselves.
lock_local_stack() {
    local fd timeout="${PJCTRL_LOCK_TIMEOUT:-1800}"
    for fd in /proc/$$/fd/*; do
        if [ "$(readlink "$fd" 2>/dev/null)" = "$LOCAL_STACK_LOCK" ]; then
            flock -w "$timeout" "${fd##*/}" || die "could not take $LOCAL_STACK_LOCK in $timeout s"
            return 0
        fi
    done
    exec 9>>"$LOCAL_STACK_LOCK"
    if ! flock -n 9; then
        log "Waiting for $LOCAL_STACK_LOCK (another checkout uses the local stack's ports)"
        flock -w "$timeout" 9 || die "could not take $LOCAL_STACK_LOCK in $timeout s"
    fi
}
