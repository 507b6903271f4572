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
# N50_FAST, WARMUP (requests per side; see ChatBench.java), CONCURRENCY (e.g. 1) and MODELS (e.g. realistic) for a subset,
# RAMP_MS (spread of the clients' first turns) and SAMPLES (a file for every turn's times); FLOOR=1 adds
# bench/chat/HopFloor.java (one idle hop through Payara: /ping vs a JDK HttpServer) and bench/chat/ProxyFloor.java
# (the first token through a do-nothing JDK proxy vs direct) after the driver.
set -Eeuo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="${SRC_DIR:-/tmp/chatbench-src}"
OUT_DIR="${OUT_DIR:-/tmp/llmops-chat-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"
# The fake (JDK HttpServer) leaves Nagle on by default; real providers do not, and on reused connections it
# stalled small chunks by a delayed ACK (40 ms) on both sides (bench/README.md, "TCP_NODELAY").
DRIVER_OPTS="${DRIVER_OPTS:--Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=10000}"   # driver JVM (runs the fake model too)

preflight
# --- 1. build in a private copy (WAR + test classes for FakeOpenAiServer + test classpath) ---------
build_private_copy with-tests
[ -f "$SRC_DIR/target/test-classes/io/llmops/testing/FakeOpenAiServer.class" ] || die "FakeOpenAiServer.class missing"
# --- 2. clean state: fresh database, empty Redis db, fresh secrets ----------------------------------
reset_state
# --- 3. start Payara Micro (same command as PayaraServer.start) --------------------------------------
start_server
wait_ready

# --- 4. the driver: fake model + setup + warm-up + measured cells --------------------------------------
log "running bench/chat/ChatBench.java"
FROM=$(date +%H:%M:%S)
BASE="$BASE" SERVER_PID="$SERVER_PID" OUT="$OUT_DIR/summary.md" \
    "$JAVA" $DRIVER_OPTS -cp "$CLASSPATH_DRIVER" "$PROJECT_DIR/bench/chat/ChatBench.java" 2> >(tee "$OUT_DIR/driver.log" >&2)
TO=$(date +%H:%M:%S)
kill -0 "$SERVER_PID" 2>/dev/null || die "Payara exited during the run"
if [ "${FLOOR:-0}" = 1 ]; then
    log "running bench/chat/HopFloor.java (one idle HTTP hop: Payara /ping vs a JDK HttpServer)"
    BASE="$BASE" OUT="$OUT_DIR/summary.md" "$JAVA" -cp "$CLASSPATH_DRIVER" "$PROJECT_DIR/bench/chat/HopFloor.java" \
        2> >(tee -a "$OUT_DIR/driver.log" >&2)    log "running bench/chat/ProxyFloor.java (first token through a do-nothing JDK proxy vs direct)"
    OUT="$OUT_DIR/summary.md" "$JAVA" $DRIVER_OPTS -cp "$CLASSPATH_DRIVER" "$PROJECT_DIR/bench/chat/ProxyFloor.java" \
        2> >(tee -a "$OUT_DIR/driver.log" >&2)
fi
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
