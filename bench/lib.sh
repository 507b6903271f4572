# Shared steps of the server benchmarks (baseline.sh, chat-bench.sh, knowledge/hit-bench.sh): source it
# after setting PROJECT_DIR. It reads JAVA_HOME/BENCH_JAVA_HOME, PORT, SRC_DIR, OUT_DIR, DB_NAME,
# REDIS_DB, READY_TIMEOUT, JAVA_OPTS and PROFILE, and defines log/die, build_private_copy,
# reset_state, start_server (sets SERVER_PID, stops the server on exit) and wait_ready.
# shellcheck shell=bash

JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT="${PORT:-18080}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
DB_NAME="${DB_NAME:-llmops_bench}"
REDIS_DB="${REDIS_DB:-14}"
JAVA_OPTS="${JAVA_OPTS:-}"
PROFILE="${PROFILE:-0}"
BASE="http://127.0.0.1:$PORT"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
trap 'log "FAILED at line $LINENO: $BASH_COMMAND"' ERR

# Checks the tools (arguments: extra commands needed), the JDK and the port; creates OUT_DIR.
preflight() {
    for tool in curl psql redis-cli openssl rsync mvn "$@"; do
        command -v "$tool" >/dev/null || die "$tool is not installed"
    done
    [ -x "$JAVA" ] || die "no JDK 25 at $JAVA_HOME"
    if curl -s -o /dev/null --max-time 1 "$BASE/ping"; then die "something already listens on port $PORT"; fi
    mkdir -p "$OUT_DIR"
    OUT_DIR="$(cd "$OUT_DIR" && pwd)"
    if [ "$PROFILE" = 1 ]; then
        JAVA_OPTS="${JAVA_OPTS:+$JAVA_OPTS }-XX:StartFlightRecording=filename=$OUT_DIR/server.jfr,settings=profile,dumponexit=true"
    fi
    log "results go to $OUT_DIR"
}

# Builds the WAR (and, with "with-tests", the test classes and the test class path in
# target/bench-classpath.txt) in a private copy: the working tree's target/ is never touched.
build_private_copy() {
    local goals="-DskipTests package" extra=""
    if [ "${1:-}" = with-tests ]; then
        goals="-DskipTests package test-compile"
        extra="dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$SRC_DIR/target/bench-classpath.txt"
    fi
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        log "building a private copy in $SRC_DIR"
        rsync -a --delete --exclude target --exclude data --exclude .git "$PROJECT_DIR/" "$SRC_DIR/"
        # shellcheck disable=SC2086  # goal lists
        (cd "$SRC_DIR" && { JAVA_HOME="$JAVA_HOME" mvn -B -q -o $goals || JAVA_HOME="$JAVA_HOME" mvn -B -q $goals; } \
            && { [ -z "$extra" ] || JAVA_HOME="$JAVA_HOME" mvn -B -q $extra; }) >"$OUT_DIR/build.log" 2>&1 \
            || { tail -30 "$OUT_DIR/build.log" >&2; die "build"; }
    fi
    WAR="$SRC_DIR/target/llmops.war"
    PAYARA="$SRC_DIR/target/payara"
    for f in "$WAR" "$PAYARA/payara-micro.jar" "$PAYARA/postgresql.jar"; do [ -f "$f" ] || die "$f missing"; done
    if [ "${1:-}" = with-tests ]; then
        [ -f "$SRC_DIR/target/bench-classpath.txt" ] || die "$SRC_DIR/target/bench-classpath.txt missing"
        CLASSPATH_DRIVER="$SRC_DIR/target/test-classes:$SRC_DIR/target/classes:$(cat "$SRC_DIR/target/bench-classpath.txt")"
    fi
}

# A fresh database and Redis db, new secrets and JWT keys, exported for the server.
reset_state() {
    log "recreating database $DB_NAME and flushing Redis db $REDIS_DB"
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB_NAME" >/dev/null
    psql -q -h 127.0.0.1 -U postgres -c "create database $DB_NAME" >/dev/null
    redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null
    local keys
    keys=$(mktemp -d)
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$keys/private.pem" 2>/dev/null
    openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
    export LLMOPS_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB_NAME"
    export LLMOPS_DATABASE_USER=postgres
    export LLMOPS_DATABASE_PASSWORD=
    export LLMOPS_REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
    export LLMOPS_SECRET_KEY
    LLMOPS_SECRET_KEY="$(openssl rand -base64 32)"
    export LLMOPS_JWT_PRIVATE_KEY LLMOPS_JWT_PUBLIC_KEY
    LLMOPS_JWT_PRIVATE_KEY="$(cat "$keys/private.pem")"
    LLMOPS_JWT_PUBLIC_KEY="$(cat "$keys/public.pem")"
    export LLMOPS_JWT_ACCESS_TOKEN_TTL_SECONDS=3600
    export LLMOPS_EXIT_ON_STARTUP_FAILURE=true
    # the fake model listens on 127.0.0.2 (FakeOpenAiServer.HOST); the SSRF guard refuses loopback otherwise
    export LLMOPS_SSRF_ALLOWLIST=127.0.0.2
    rm -rf "$keys"
}

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping Payara (pid $SERVER_PID)"
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 80); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
}

# Starts Payara Micro in the background with the same command as io.llmops.launcher.PayaraServer.
start_server() {
    trap stop_server EXIT
    trap 'exit 130' INT TERM
    log "starting Payara Micro on port $PORT"
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
    "$JAVA" -XX:+UseZGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED $JAVA_OPTS \
        -jar "$PAYARA/payara-micro.jar" \
        --deploy "$WAR" --contextroot / --port "$PORT" --nocluster --disablephonehome \
        --addlibs "$PAYARA/postgresql.jar" \
        --postbootcommandfile "$SRC_DIR/server-config/post-boot-commands.asadmin" \
        >"$OUT_DIR/server.log" 2>&1 &
    SERVER_PID=$!
}

# Waits until GET /ping answers 200 (dies if the server exits or READY_TIMEOUT passes).
wait_ready() {
    local deadline=$(( $(date +%s) + READY_TIMEOUT ))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/ping" || true)" = 200 ]; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$OUT_DIR/server.log" >&2; die "Payara exited before it was ready"; }
        [ "$(date +%s)" -lt "$deadline" ] || { tail -40 "$OUT_DIR/server.log" >&2; die "Payara not ready within ${READY_TIMEOUT}s"; }
        sleep 0.1
    done
    log "Payara ready (pid $SERVER_PID)"
}
