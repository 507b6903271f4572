#!/usr/bin/env bash
# Chat turn overhead benchmark (see bench/README.md, "Chat turn overhead").
#
# Builds a private copy of the project (main + test classes, never the working tree's target/), starts
# Payara Micro the way bench/baseline.sh does, and runs bench/chat/ChatBench.java: the platform's debug
# chat vs the same call made directly with LangChain4j, both against one FakeOpenAiServer in the driver JVM.
# The server is always stopped on exit. Loopback only.
#
# Tunables (environment): PORT, SRC_DIR, OUT_DIR, BENCH_JAVA_HOME, JAVA_OPTS (server), SKIP_BUILD=1,
# READY_TIMEOUT, DB_NAME, REDIS_DB, PROFILE=1 (JFR on the server), DRIVER_OPTS (driver JVM), and the driver's N1, N50, N1_FAST,
# N50_FAST, WARMUP (requests per side; see ChatBench.java), CONCURRENCY (e.g. 1) and MODELS (e.g. realistic) for a subset.
set -Eeuo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT="${PORT:-18080}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
SRC_DIR="${SRC_DIR:-/tmp/chatbench-src}"
OUT_DIR="${OUT_DIR:-/tmp/llmops-chat-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
DB_NAME="${DB_NAME:-llmops_bench}"
REDIS_DB="${REDIS_DB:-14}"
JAVA_OPTS="${JAVA_OPTS:-}"
PROFILE="${PROFILE:-0}"
# The fake (JDK HttpServer) leaves Nagle on by default; real providers do not, and on reused connections it
# stalled small chunks by a delayed ACK (40 ms) on both sides (bench/README.md, "TCP_NODELAY").
DRIVER_OPTS="${DRIVER_OPTS:--Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=10000}"   # driver JVM (runs the fake model too)
BASE="http://127.0.0.1:$PORT"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
trap 'log "FAILED at line $LINENO: $BASH_COMMAND"' ERR

for tool in curl psql redis-cli openssl rsync mvn; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
[ -x "$JAVA" ] || die "no JDK 25 at $JAVA_HOME"
if curl -s -o /dev/null --max-time 1 "$BASE/ping"; then die "something already listens on port $PORT"; fi
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
if [ "$PROFILE" = 1 ]; then
    JAVA_OPTS="${JAVA_OPTS:+$JAVA_OPTS }-XX:StartFlightRecording=filename=$OUT_DIR/server.jfr,settings=profile,dumponexit=true"
fi
log "results go to $OUT_DIR"

# --- 1. build in a private copy (WAR + test classes for FakeOpenAiServer + test classpath) ---------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building a private copy in $SRC_DIR"
    rsync -a --delete --exclude target --exclude data --exclude .git "$PROJECT_DIR/" "$SRC_DIR/"
    (cd "$SRC_DIR" && JAVA_HOME="$JAVA_HOME" mvn -B -q -o -DskipTests package test-compile \
        && JAVA_HOME="$JAVA_HOME" mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile="$SRC_DIR/target/bench-classpath.txt") >"$OUT_DIR/build.log" 2>&1 \
        || { tail -30 "$OUT_DIR/build.log" >&2; die "build"; }
fi
WAR="$SRC_DIR/target/llmops.war"
PAYARA="$SRC_DIR/target/payara"
for f in "$WAR" "$PAYARA/payara-micro.jar" "$PAYARA/postgresql.jar" "$SRC_DIR/target/bench-classpath.txt" \
         "$SRC_DIR/target/test-classes/io/llmops/testing/FakeOpenAiServer.class"; do [ -f "$f" ] || die "$f missing"; done
CLASSPATH_DRIVER="$SRC_DIR/target/test-classes:$SRC_DIR/target/classes:$(cat "$SRC_DIR/target/bench-classpath.txt")"

# --- 2. clean state: fresh database, empty Redis db, fresh secrets ----------------------------------
log "recreating database $DB_NAME and flushing Redis db $REDIS_DB"
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB_NAME" >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "create database $DB_NAME" >/dev/null
redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null
KEYS_DIR=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$KEYS_DIR/private.pem" 2>/dev/null
openssl pkey -in "$KEYS_DIR/private.pem" -pubout -out "$KEYS_DIR/public.pem"
export LLMOPS_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB_NAME"
export LLMOPS_DATABASE_USER=postgres
export LLMOPS_DATABASE_PASSWORD=
export LLMOPS_REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
export LLMOPS_SECRET_KEY="$(openssl rand -base64 32)"
export LLMOPS_JWT_PRIVATE_KEY="$(cat "$KEYS_DIR/private.pem")"
export LLMOPS_JWT_PUBLIC_KEY="$(cat "$KEYS_DIR/public.pem")"
export LLMOPS_JWT_ACCESS_TOKEN_TTL_SECONDS=3600
export LLMOPS_EXIT_ON_STARTUP_FAILURE=true
rm -rf "$KEYS_DIR"

# --- 3. start Payara Micro (same command as PayaraServer.start) --------------------------------------
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping Payara (pid $SERVER_PID)"
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 80); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

log "starting Payara Micro on port $PORT"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
"$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED $JAVA_OPTS \
    -jar "$PAYARA/payara-micro.jar" \
    --deploy "$WAR" --contextroot / --port "$PORT" --nocluster --disablephonehome \
    --addlibs "$PAYARA/postgresql.jar" \
    --postbootcommandfile "$SRC_DIR/server-config/post-boot-commands.asadmin" \
    >"$OUT_DIR/server.log" 2>&1 &
SERVER_PID=$!
deadline=$(( $(date +%s) + READY_TIMEOUT ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/ping" || true)" = 200 ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$OUT_DIR/server.log" >&2; die "Payara exited before it was ready"; }
    [ "$(date +%s)" -lt "$deadline" ] || { tail -40 "$OUT_DIR/server.log" >&2; die "Payara not ready within ${READY_TIMEOUT}s"; }
    sleep 0.1
done
log "Payara ready (pid $SERVER_PID)"

# --- 4. the driver: fake model + setup + warm-up + measured cells --------------------------------------
log "running bench/chat/ChatBench.java"
FROM=$(date +%H:%M:%S)
BASE="$BASE" SERVER_PID="$SERVER_PID" OUT="$OUT_DIR/summary.md" \
    "$JAVA" $DRIVER_OPTS -cp "$CLASSPATH_DRIVER" "$PROJECT_DIR/bench/chat/ChatBench.java" 2> >(tee "$OUT_DIR/driver.log" >&2)
TO=$(date +%H:%M:%S)
kill -0 "$SERVER_PID" 2>/dev/null || die "Payara exited during the run"
{
    echo
    echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1); server JAVA_OPTS='${JAVA_OPTS}'"
} >>"$OUT_DIR/summary.md"
if [ "$PROFILE" = 1 ]; then
    stop_server
    { echo; echo "CPU of the server's threads during the driver run ($FROM..$TO, JFR execution samples):"; echo
      python3 "$PROJECT_DIR/bench/jfr_breakdown.py" "$OUT_DIR/server.jfr" "$FROM" "$TO" --jfr "$JAVA_HOME/bin/jfr"; } \
        >>"$OUT_DIR/summary.md" || log "WARNING: JFR breakdown failed"
    { echo; echo "Inclusive CPU shares over all server threads ($FROM..$TO, includes the warm-up):"; echo
      python3 "$PROJECT_DIR/bench/chat/jfr_inclusive.py" "$OUT_DIR/server.jfr" "$FROM" "$TO" --jfr "$JAVA_HOME/bin/jfr"; } \
        >>"$OUT_DIR/summary.md" || log "WARNING: jfr_inclusive.py failed"
fi
cat "$OUT_DIR/summary.md"
log "summary, driver log and server log: $OUT_DIR"
