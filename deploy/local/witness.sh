# The local witness (module witness/, docs/witness.md): its database, key, config and process. Sourced by up.sh,
# down.sh and test.sh after lib.sh; kept apart from lib.sh so the witness's parts stay in one place.
# shellcheck shell=bash

WITNESS_PORT=8084
WITNESS_NAME="${PJCTRL_WITNESS_NAME:-witness.pjctrl.local/w1}"
# audit-service's checkpoint origins are <origin-prefix>/events-<partition> (pjctrl.checkpoint.origin-prefix).
ORIGIN_PREFIX="${PJCTRL_CHECKPOINT_ORIGIN_PREFIX:-pjctrl-audit}"
LOG_KEY_NAME="${PJCTRL_CHECKPOINT_KEY_NAME:-pjctrl-audit}"

# Role and database pjctrl_witness (CREATEDB: the witness's tests create a database of their own per run).
ensure_witness_database() {
    pg_super -d postgres -v role=pjctrl_witness -v pw="$PJCTRL_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN CREATEDB PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'role') \gexec
SQL
}

# The witness's own Ed25519 key, generated once beside the other dev keys (ensure_keys runs first).
ensure_witness_key() {
    if [ ! -f "$KEYS/witness-private.pem" ]; then
        log "Generating the dev witness key (Ed25519) in $KEYS"
        openssl genpkey -algorithm ed25519 -out "$KEYS/witness-private.pem"
        chmod 600 "$KEYS/witness-private.pem"
    fi
}

hex_bytes() { printf "$(printf '%s' "$1" | sed 's/../\\x&/g')"; }

# The verifier key of type $3 (default 01: an Ed25519 signed-note key; 04: a tlog-cosignature/v1 key) named $1 of
# the PEM private key $2: <name>+<hex of SHA-256(name || 0x0A || type || public key)[:4]>+<base64(type || public key)>.
note_vkey() {
    local name="$1" pem="$2" type="${3:-01}" hex id
    hex="$type$(openssl pkey -in "$pem" -pubout -outform DER | tail -c 32 | od -An -v -tx1 | tr -d ' \n')"
    id="$({ printf '%s\n' "$name"; hex_bytes "$hex"; } | sha256sum | cut -c1-8)"
    printf '%s+%s+%s\n' "$name" "$id" "$(hex_bytes "$hex" | base64 -w0)"
}

# audit-service's environment to submit its checkpoints to the local witness (quorum 1 of 1): its URL and the
# witness's cosignature vkey (the witness prints the same at GET /key). Generates the witness key if needed.
audit_witness_env() {
    ensure_witness_key >&2
    echo "PJCTRL_WITNESSES_0__URL=http://127.0.0.1:$WITNESS_PORT"
    echo "PJCTRL_WITNESSES_0__VERIFIER_KEY=$(note_vkey "$WITNESS_NAME" "$KEYS/witness-private.pem" 04)"
    echo "PJCTRL_WITNESS_QUORUM=1"
}

# The witness's config: it witnesses every chain of audit-service, trusting audit-service's checkpoint key under the
# origin as key name (C2SP: a log's key name is its origin) and under pjctrl.checkpoint.key-name (today's notes).
write_witness_config() {
    local file="$STATE/witness.properties" p origin
    {
        echo "# Written by deploy/local/up.sh: the logs the local witness cosigns for."
        echo "pjctrl.witness.name=$WITNESS_NAME"
        echo "pjctrl.witness.private-key-file=$KEYS/witness-private.pem"
        for p in $(seq 0 $((EVENT_PARTITIONS - 1))); do
            origin="$ORIGIN_PREFIX/events-$p"
            echo "pjctrl.witness.logs[$p].origin=$origin"
            echo "pjctrl.witness.logs[$p].verifier-keys=$(note_vkey "$origin" "$KEYS/checkpoint-private.pem"),$(note_vkey "$LOG_KEY_NAME" "$KEYS/checkpoint-private.pem")"
        done
    } >"$file"
    echo "$file"
}

# Builds the witness if needed and starts it on :8084 with its own database and key.
start_witness() {
    if running witness; then log "witness already running (pid $(cat "$STATE/witness.pid"))"; return 0; fi
    ensure_witness_database
    ensure_witness_key
    local jar="$ROOT/witness/target/quarkus-app/quarkus-run.jar" config
    if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/witness/src" "$ROOT/witness/pom.xml" "$ROOT/contract/src" -newer "$jar" -type f -print -quit)" ]; then
        log "Building the witness (./mvnw package -pl witness -am, tests skipped)"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl witness -am) || die "witness build failed"
    fi
    config="$(write_witness_config)"
    log "Starting witness on 127.0.0.1:$WITNESS_PORT"
    nohup env "PJCTRL_DB_PASSWORD=$PJCTRL_DB_PASSWORD" "QUARKUS_CONFIG_LOCATIONS=$config" \
        "QUARKUS_HTTP_HOST=127.0.0.1" "QUARKUS_HTTP_PORT=$WITNESS_PORT" \
        java -Xms64m -Xmx256m -jar "$jar" >>"$STATE/witness.log" 2>&1 &
    echo $! >"$STATE/witness.pid"
}

stop_witness() { stop_process witness; }
