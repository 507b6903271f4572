#!/usr/bin/env bash
# Baseline benchmark of the LLMOps WAR on Payara Micro (see bench/README.md).
#
# Builds a private copy of the project (never touches the working tree's target/), starts Payara
# Micro the way the launcher does (io.llmops.launcher.PayaraServer), and measures:
#   - start-to-ready time (process start until GET /ping answers 200)
#   - WAR size
#   - RSS of the Payara process right after start and after the load runs
#   - requests/s, p50 and p99 latency of GET /ping and GET /api/account (bearer token) with wrk
# The server is always stopped on exit. Loopback only; every step is time-bounded.
#
# Tunables (environment): PORT, CONNECTIONS, THREADS, WARMUP, DURATION, SRC_DIR, OUT_DIR,
# BENCH_JAVA_HOME (JDK 25, default /usr/lib/jvm/temurin-25-jdk-amd64), JAVA_OPTS (extra JVM options
# for the server), SKIP_BUILD=1, READY_TIMEOUT (seconds), QUIET_WAIT (seconds to wait for an idle
# machine before starting, 0 = don't wait), QUIET_MAX_BUSY (percent of all CPUs counted as idle),
# PROFILE=1 (record the server with JFR and break its CPU down per endpoint with jfr_breakdown.py;
# JFR costs throughput, so profile runs are not baseline runs).
set -Eeuo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10s}"
DURATION="${DURATION:-30s}"
SRC_DIR="${SRC_DIR:-/tmp/bench-src}"
OUT_DIR="${OUT_DIR:-/tmp/llmops-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
QUIET_WAIT="${QUIET_WAIT:-120}"
QUIET_MAX_BUSY="${QUIET_MAX_BUSY:-15}"
# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"

# CPU accounting, so a run on a shared machine says how much of the CPU the bench actually had.
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }   # all CPUs, not idle/iowait
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }   # utime + stime
cores() { awk -v t="$1" -v ns="$2" -v hz="$HZ" 'BEGIN {printf "%.2f", (t / hz) / (ns / 1e9)}'; }  # ticks over a wall time -> avg cores
# PostgreSQL and Redis serve the bench too: count their processes separately from "other".
deps_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" || $2 == "(redis-server)" {s += $14 + $15} END {print s + 0}'; }
now_ns() { date +%s%N; }

preflight wrk
# --- 1. build in a private copy -----------------------------------------------------------------
build_private_copy
WAR_BYTES=$(stat -c %s "$WAR")
PAYARA_VERSION=$(unzip -p "$PAYARA/payara-micro.jar" META-INF/MANIFEST.MF 2>/dev/null \
    | sed -n 's/^Bundle-Version: *//p;s/^Implementation-Version: *//p' | tr -d '\r' | head -1)
[ -n "$PAYARA_VERSION" ] || PAYARA_VERSION=$(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' "$SRC_DIR/pom.xml")
JDK_VERSION=$("$JAVA" -version 2>&1 | head -1)

# --- 2. wait for a quiet machine (other builds/tests on the box distort every number) -------------
if [ "$QUIET_WAIT" -gt 0 ]; then
    quiet_deadline=$(( $(date +%s) + QUIET_WAIT ))
    while :; do
        b0=$(busy_ticks); t0=$(now_ns); sleep 2; b1=$(busy_ticks); t1=$(now_ns)
        busy_pct=$(awk -v c="$(cores $((b1 - b0)) $((t1 - t0)))" -v n="$NCPU" 'BEGIN {printf "%.0f", 100 * c / n}')
        if [ "$busy_pct" -le "$QUIET_MAX_BUSY" ]; then log "machine idle enough (${busy_pct}% busy)"; break; fi
        if [ "$(date +%s)" -ge "$quiet_deadline" ]; then
            log "WARNING: machine still ${busy_pct}% busy after ${QUIET_WAIT}s; going ahead, see the 'other CPU' column"; break
        fi
        log "machine ${busy_pct}% busy (other processes), waiting"
    done
fi

# --- 2b. clean state: fresh database, empty Redis db, fresh secrets --------------------------------
reset_state

# --- 3. start Payara Micro (same command as PayaraServer.start) ---------------------------------
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

START_NS=$(now_ns); START_BUSY=$(busy_ticks)
start_server
wait_ready
READY_NS=$(now_ns); READY_BUSY=$(busy_ticks); READY_SERVER=$(proc_ticks "$SERVER_PID")
STARTUP_SERVER_CORES=$(cores "$READY_SERVER" $((READY_NS - START_NS)))
STARTUP_OTHER_CORES=$(cores $((READY_BUSY - START_BUSY - READY_SERVER)) $((READY_NS - START_NS)))
STARTUP_S=$(awk -v d="$((READY_NS - START_NS))" 'BEGIN {printf "%.1f", d / 1e9}')
sleep 2   # let post-start background work settle before sampling memory
RSS_START=$(rss_kib)
log "ready after ${STARTUP_S}s, RSS $(mib "$RSS_START") MiB"

# --- 4. an account and its access token --------------------------------------------------------
REGISTER=$(curl -s --max-time 30 -X POST "$BASE/api/auth/register" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password","name":"Bench"}')
TOKEN=$(printf '%s' "$REGISTER" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "register gave no access_token: $REGISTER"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $TOKEN" "$BASE/api/account")
[ "$code" = 200 ] || die "GET /api/account with the token answered $code"

# --- 5. load ----------------------------------------------------------------------------------
# wrk prints latency as e.g. "1.23ms", "456.00us", "1.02s"; convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) ; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

declare -A RPS P50 P90 P99 ERRS REQS CPU_SERVER CPU_WRK CPU_DEPS CPU_OTHER FROM TO
run_load() {  # name path [header]
    local name=$1 path=$2 header=${3:-}
    local args=(-t"$THREADS" -c"$CONNECTIONS" --timeout 5s --latency)
    [ -n "$header" ] && args+=(-H "$header")
    log "$name: warm-up $WARMUP"
    wrk "${args[@]}" -d"$WARMUP" "$BASE$path" >"$OUT_DIR/wrk-$name-warmup.txt"
    log "$name: measuring $DURATION at $CONNECTIONS connections, $THREADS wrk threads"
    local b0 s0 d0 t0 b1 s1 d1 t1 wrk_cpu
    FROM[$name]=$(date +%H:%M:%S)
    b0=$(busy_ticks); s0=$(proc_ticks "$SERVER_PID"); d0=$(deps_ticks); t0=$(now_ns)
    # bash's time keyword reports the user+sys CPU seconds of wrk itself
    wrk_cpu=$( { TIMEFORMAT='%U %S'; time wrk "${args[@]}" -d"$DURATION" "$BASE$path" >"$OUT_DIR/wrk-$name.txt"; } 2>&1 )
    b1=$(busy_ticks); s1=$(proc_ticks "$SERVER_PID"); d1=$(deps_ticks); t1=$(now_ns)
    TO[$name]=$(date +%H:%M:%S)
    local wrk_ticks server_ticks
    wrk_ticks=$(awk -v u="$wrk_cpu" -v hz="$HZ" 'BEGIN {split(u, a, " "); printf "%.0f", (a[1] + a[2]) * hz}')
    server_ticks=$((s1 - s0))
    CPU_SERVER[$name]=$(cores "$server_ticks" $((t1 - t0)))
    CPU_WRK[$name]=$(cores "$wrk_ticks" $((t1 - t0)))
    CPU_DEPS[$name]=$(cores $((d1 - d0)) $((t1 - t0)))
    CPU_OTHER[$name]=$(cores $((b1 - b0 - server_ticks - wrk_ticks - (d1 - d0))) $((t1 - t0)))
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        tail -40 "$OUT_DIR/server.log" >&2; die "Payara (pid $SERVER_PID) exited during the $name run (killed from outside?)"
    fi
    local out="$OUT_DIR/wrk-$name.txt"
    RPS[$name]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    REQS[$name]=$(awk '/requests in/ {print $1}' "$out")
    P50[$name]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    P90[$name]=$(to_ms "$(awk '$1 == "90%" {print $2}' "$out")")
    P99[$name]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    local non2xx sock
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
    ERRS[$name]=$(( ${non2xx:-0} + ${sock:-0} ))
    log "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, errors ${ERRS[$name]}; CPU cores: server ${CPU_SERVER[$name]}, wrk ${CPU_WRK[$name]}, postgres+redis ${CPU_DEPS[$name]}, other ${CPU_OTHER[$name]}"
}
run_load ping /ping
run_load account /api/account "Authorization: Bearer $TOKEN"

RSS_AFTER=$(rss_kib)
CPU_S=$(awk -v t="$(proc_ticks "$SERVER_PID")" -v hz="$HZ" 'BEGIN {printf "%.0f", t / hz}')

# --- 6. summary ---------------------------------------------------------------------------------
SUMMARY="$OUT_DIR/summary.md"
{
    echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
    echo "JDK: $JDK_VERSION; Payara Micro $PAYARA_VERSION; JAVA_OPTS='${JAVA_OPTS}'"
    echo "Load: wrk -t$THREADS -c$CONNECTIONS, warm-up $WARMUP, measured $DURATION per endpoint, loopback"
    echo
    echo "| Metric | Value |"
    echo "|---|---|"
    echo "| Start to ready (process start -> GET /ping 200) | ${STARTUP_S} s (server used ${STARTUP_SERVER_CORES} cores on average, other processes ${STARTUP_OTHER_CORES}) |"
    echo "| WAR size | $(awk -v b="$WAR_BYTES" 'BEGIN {printf "%.1f", b / 1048576}') MiB ($WAR_BYTES bytes) |"
    echo "| RSS right after start | $(mib "$RSS_START") MiB |"
    echo "| RSS after the load runs | $(mib "$RSS_AFTER") MiB |"
    echo "| Server CPU time, whole run | ${CPU_S} s |"
    echo
    echo "| Endpoint | Requests/s | p50 | p90 | p99 | Requests | Errors | CPU cores: server / wrk / postgres+redis / other |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    for name in ping account; do
        label="GET /ping"; [ "$name" = account ] && label="GET /api/account (bearer)"
        echo "| $label | ${RPS[$name]} | ${P50[$name]} ms | ${P90[$name]} ms | ${P99[$name]} ms | ${REQS[$name]} | ${ERRS[$name]} | ${CPU_SERVER[$name]} / ${CPU_WRK[$name]} / ${CPU_DEPS[$name]} / ${CPU_OTHER[$name]} |"
    done
    for name in ping account; do
        if awk -v o="${CPU_OTHER[$name]}" 'BEGIN {exit !(o > 0.2)}'; then
            echo
            echo "WARNING: other processes used ${CPU_OTHER[$name]} cores during the $name run: not a clean baseline, run again on an idle machine."
        fi
    done
    for name in ping account; do
        if [ "${ERRS[$name]}" != 0 ]; then
            echo
            echo "WARNING: ${ERRS[$name]} non-2xx responses or socket errors during the $name run (see wrk-$name.txt)."
        fi
    done
    if awk -v o="$STARTUP_OTHER_CORES" 'BEGIN {exit !(o > 0.2)}'; then
        echo
        echo "WARNING: other processes used $STARTUP_OTHER_CORES cores during startup: start-to-ready time is inflated."
    fi
} >"$SUMMARY"
if [ "$PROFILE" = 1 ]; then
    stop_server   # JFR writes the recording on exit
    for name in ping account; do
        log "JFR breakdown for $name (${FROM[$name]}..${TO[$name]})"
        { echo; echo "CPU of the HTTP worker threads during the measured $name run (JFR execution samples):"; echo
          python3 "$PROJECT_DIR/bench/jfr_breakdown.py" "$OUT_DIR/server.jfr" "${FROM[$name]}" "${TO[$name]}" \
              --jfr "$JAVA_HOME/bin/jfr"; } >>"$SUMMARY" || log "WARNING: JFR breakdown for $name failed"
    done
fi
echo
cat "$SUMMARY"
echo
log "raw wrk output, server log and summary: $OUT_DIR"
