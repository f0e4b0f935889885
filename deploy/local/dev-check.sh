#!/usr/bin/env bash
# Dev mode as a developer types it: `./mvnw quarkus:dev -pl <service> -am` against the local stack's PostgreSQL,
# Kafka and dev keys (up.sh --infra). For each service: start, wait for /q/health/ready, then live reload: write a
# JAX-RS resource into the service's source tree and change it PJCTRL_DEV_RELOADS times (default 3); after each
# change the next request must be answered by the new code, through the service's @ConfigMapping and (project-service)
# RequestMetadataFilter, while requests keep arriving during each restart (they broke it: SRCFG00027 or a
# ClassCastException, see web-common's DevReloadGuard). Then stop. The resource is removed on exit (trap), also when a
# check fails. audit-service also ingests change events produced throughout its reloads: all of them must be stored
# once the reloads are done (a restart nacks the batch the previous application was consuming).
# The check runs in databases of its own (<role>_devcheck, dropped afterwards), so it neither depends on nor
# migrates the local stack's data (another checkout may have migrated pjctrl_audit further).
# Bounded: 600 s per start (a loaded 2-core machine needed more than 300), 120 s per reload. Ports 8081/8082 and 9092
# are the local stack's: not while up.sh's services run; the lock of lib.sh keeps two checkouts from running it at
# once. deploy/local/test.sh runs it after the Maven build.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT="${PJCTRL_DEV_START_TIMEOUT:-600}"
RELOAD_TIMEOUT="${PJCTRL_DEV_RELOAD_TIMEOUT:-120}"
RELOADS="${PJCTRL_DEV_RELOADS:-3}"
BURST_SECONDS=8
SERVICES="${PJCTRL_DEV_SERVICES:-project-service audit-service}"

lock_local_stack
for port in 8081 8082; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is taken (up.sh's services? stop them with deploy/local/down.sh)"
    fi
done

dev_pid=""
producer_pid=""
started_kafka=false

# Stops the dev-mode Maven process and the application JVM it forked (one process group, started by setsid).
stop_dev() {
    [ -n "$dev_pid" ] || return 0
    kill -TERM -- "-$dev_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 -- "-$dev_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$dev_pid" 2>/dev/null || true
    dev_pid=""
}

# audit-service only: change events produced onto the events topic throughout its live reloads (4 a second, at most
# EVENTS_MAX, each printed once the broker acknowledged it) must all be stored once the reloads are done. A restart
# stops the previous application's consumer mid-batch (it logs its record as nacked); the new application must
# consume that record again from the group's committed offset, and lose nothing.
EVENTS_MAX=2000

start_events() {
    kafka_java "$LOCAL/kafka/ProduceEvents.java" "127.0.0.1:$KAFKA_PORT" pjctrl.audit-events "$EVENTS_MAX" 250 \
        >"$STATE/dev-events.out" 2>"$STATE/dev-events.err" &
    producer_pid=$!
    # The first reload only starts once events flow (compiling the source program takes a few seconds).
    local deadline=$((SECONDS + 120))
    until grep -qE '^[0-9a-f-]{36}$' "$STATE/dev-events.out"; do
        kill -0 "$producer_pid" 2>/dev/null || die "the event producer exited: $(tail -n 20 "$STATE/dev-events.err")"
        [ "$SECONDS" -lt "$deadline" ] || die "no change event acknowledged in 120 s ($STATE/dev-events.err)"
        sleep 0.5
    done
}

stop_events() {
    [ -n "$producer_pid" ] || return 0
    kill -TERM "$producer_pid" 2>/dev/null || true
    wait "$producer_pid" 2>/dev/null || true
    producer_pid=""
}

drop_check_databases() {
    local role
    for role in pjctrl_project pjctrl_audit; do
        pg_super -d postgres -c "DROP DATABASE IF EXISTS ${role}_devcheck WITH (FORCE)" || true
    done
}

# The probe resource of $1: a JAX-RS resource, written into the service's source tree only while this script runs.
probe_source() { echo "$ROOT/$1/src/main/java/io/pjctrl/${1%-service}/DevReloadProbe.java"; }

remove_probes() {
    local service
    for service in project-service audit-service; do
        rm -f "$(probe_source "$service")" "$ROOT/$service/target/classes/io/pjctrl/${service%-service}/DevReloadProbe"*.class
    done
}

cleanup() {
    stop_events
    remove_probes
    stop_dev
    drop_check_databases
    if $started_kafka; then stop_process kafka; fi
}

ensure_postgres
ensure_databases
ensure_keys
running kafka || started_kafka=true
trap cleanup EXIT
start_kafka
drop_check_databases
for role in pjctrl_project pjctrl_audit; do
    pg_super -d postgres -c "CREATE DATABASE ${role}_devcheck OWNER $role"
done

# Waits until $1 answers 200 with a body containing $2 (or until $3 seconds passed or dev mode exited); the
# response headers go to file $4 if given.
await_body() {
    local url="$1" expected="$2" deadline=$((SECONDS + $3)) headers="${4:-/dev/null}" body
    while [ "$SECONDS" -lt "$deadline" ]; do
        body="$(curl -fsS --max-time "$((deadline - SECONDS + 1))" -D "$headers" "$url" 2>/dev/null || true)"
        if [[ "$body" == *"$expected"* ]]; then return 0; fi
        kill -0 "$dev_pid" 2>/dev/null || return 1
        sleep 1
    done
    return 1
}

dev_mode() {
    local service="$1" port="$2" log="$STATE/dev-$1.log" db="pjctrl_${1%-service}_devcheck"
    log "quarkus:dev -pl $service -am (log: $log)"
    # No debugger port (5005 would collide with another dev mode), no interactive console, no analytics prompt.
    (cd "$ROOT" && exec setsid ./mvnw -B quarkus:dev -pl "$service" -am -Ddebug=false \
        -Dquarkus.console.enabled=false -Dquarkus.analytics.disabled=true \
        -Dquarkus.datasource.reactive.url="postgresql://$PG_HOST:$PG_PORT/$db" \
        -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$db" </dev/null >"$log" 2>&1) &
    dev_pid=$!
    await_body "http://127.0.0.1:$port/q/health/ready" UP "$START_TIMEOUT" \
        || { tail -n 60 "$log" >&2; die "$service dev mode not ready in $START_TIMEOUT s: see $log"; }
    log "$service dev mode is ready on :$port"
}

# Writes the probe of service $1 answering token $2 and the service's @ConfigMapping ($3), injected like
# RequestMetadataFilter injects its own: a reload that loses the mapping fails the request.
write_probe() {
    local service="$1" token="$2" config="$3" package="io.pjctrl.${1%-service}"
    cat >"$(probe_source "$service")" <<JAVA
package $package;

@jakarta.ws.rs.Path("/dev-reload-probe")
public class DevReloadProbe {

    private final $config config;

    public DevReloadProbe($config config) {
        this.config = config;
    }

    @jakarta.ws.rs.GET
    public String token() {
        return "$token " + config.topics().events();
    }
}
JAVA
}

# Requests $1 every half second for $BURST_SECONDS s, each in the background and allowed $RELOAD_TIMEOUT s, as a browser
# or a second client would while dev mode restarts; the status of each lands in $2/<n>.status, its body in <n>.body.
burst() {
    local url="$1" dir="$2" n pids=()
    rm -rf "$dir"
    mkdir -p "$dir"
    for n in $(seq 1 $((BURST_SECONDS * 2))); do
        curl -sS -o "$dir/$n.body" -w '%{http_code}' --max-time "$RELOAD_TIMEOUT" "$url" >"$dir/$n.status" 2>/dev/null &
        pids+=($!)
        sleep 0.5
    done
    wait "${pids[@]}" || true
}

# Changes the probe of service $1 (port $2) $RELOADS times in a row, each while requests keep arriving. Those that
# arrive during the restart get the previous code's answer, or nothing (dev mode closes their connections when the
# restart is done), or a retryable 503 problem+json (web-common's DevReloadGuard); nothing else. After the restart the
# new code must answer, and go on answering: the new token, the config mapping's value and (project-service) the
# X-Request-Id of RequestMetadataFilter; the log must show no failed HTTP request (there were: SRCFG00027 or a
# ClassCastException, the previous application's classes running against the new one's beans and config, which could
# break it until the next restart); and the new application must be ready (its Kafka channels included).
live_reloads() {
    local service="$1" port="$2" config="$3" log="$STATE/dev-$1.log" i n token previous="initial" status body file
    local url="http://127.0.0.1:$port/dev-reload-probe" dir="$STATE/dev-burst" headers="$STATE/dev-probe-headers"
    for i in $(seq 1 "$RELOADS"); do
        token="reload-$i-$RANDOM$RANDOM"
        write_probe "$service" "$token" "$config"
        burst "$url" "$dir"
        for file in "$dir"/*.status; do
            status="$(cat "$file")"
            body="$(head -c 300 "${file%.status}.body" 2>/dev/null || true)"
            case "$status:$body" in
                "200:$previous "* | "200:$token "* | 000: | 503:*urn:pjctrl:problem:unavailable*) ;;
                *)
                    tail -n 80 "$log" >&2
                    die "$service: reload $i: a request during the restart got $status: $body"
                    ;;
            esac
        done
        await_body "$url" "$token pjctrl.audit-events" "$RELOAD_TIMEOUT" "$headers" \
            || { tail -n 80 "$log" >&2; die "$service: live reload $i of $RELOADS not served in $RELOAD_TIMEOUT s: see $log"; }
        for n in 1 2 3 4 5; do
            body="$(curl -fsS --max-time 10 -D "$headers" "$url" 2>&1 || true)"
            [[ "$body" == "$token pjctrl.audit-events" ]] \
                || die "$service: reload $i: request $n after the restart got: $(head -c 300 <<<"$body")"
            if [ "$service" = project-service ] && ! grep -qi '^X-Request-Id: ' "$headers"; then
                die "$service: reload $i: answered without the X-Request-Id of RequestMetadataFilter"
            fi
        done
        if grep -m 3 'QuarkusErrorHandler.*HTTP Request to .* failed' "$log" >&2; then
            die "$service: reload $i: requests failed with a server error (see $log)"
        fi
        await_body "http://127.0.0.1:$port/q/health/ready" UP "$RELOAD_TIMEOUT" \
            || die "$service: not ready after reload $i: $(curl -sS --max-time 10 "http://127.0.0.1:$port/q/health/ready")"
        log "$service live reload $i of $RELOADS: the new code answers (during the restart:" \
            "$(awk 1 "$dir"/*.status | sort | uniq -c | xargs); refused by DevReloadGuard so far:" \
            "$(grep -c 'that a live reload replaced' "$log" || true))"
        previous="$token"
    done
}

# Waits up to $RELOAD_TIMEOUT s until every acknowledged event id is an entry of the check's audit database.
await_events_stored() {
    local ids count stored deadline=$((SECONDS + RELOAD_TIMEOUT))
    ids="$(grep -E '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' "$STATE/dev-events.out" | paste -sd, -)"
    count="$(tr ',' '\n' <<<"$ids" | grep -c . || true)"
    [ "$count" -gt 0 ] || die "audit-service: no change event was acknowledged during the reloads ($STATE/dev-events.err)"
    while :; do
        stored="$(pg_super -At -d pjctrl_audit_devcheck \
            -c "SELECT count(*) FROM audit_logs WHERE event_id = ANY ('{$ids}'::uuid[])")"
        [ "$stored" = "$count" ] && break
        [ "$SECONDS" -lt "$deadline" ] \
            || die "audit-service: $stored of the $count change events produced during its live reloads stored after $RELOAD_TIMEOUT s"
        sleep 1
    done
    log "audit-service: all $count change events produced during its live reloads are stored (batches the previous" \
        "applications nacked meanwhile: $(grep -c 'has been nacked' "$STATE/dev-audit-service.log" || true))"
}

check_service() {
    local service="$1" port="$2" config="$3"
    write_probe "$service" initial "$config"
    dev_mode "$service" "$port"
    if [ "$service" = audit-service ]; then start_events; fi
    live_reloads "$service" "$port" "$config"
    if [ "$service" = audit-service ]; then
        stop_events
        await_events_stored
    fi
    stop_dev
}

for service in $SERVICES; do
    case "$service" in
        project-service) check_service project-service 8081 ProjectServiceConfig ;;
        audit-service) check_service audit-service 8082 AuditServiceConfig ;;
        *) die "unknown service $service (PJCTRL_DEV_SERVICES)" ;;
    esac
done
log "dev mode: $SERVICES started, became ready, served $RELOADS live reloads each and stopped"
