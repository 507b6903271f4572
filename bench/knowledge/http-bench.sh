#!/usr/bin/env bash
# The knowledge base through HTTP (see bench/README.md, "Knowledge through HTTP"): builds a private copy,
# starts Payara Micro like the launcher, and runs one driver against it:
#   bench/knowledge/http-bench.sh           HitBench.java: loads N segments into PostgreSQL, has the server
#                                          build its index from them (reindex job), and times POST …/hit per strategy;
#   DRIVER=ingest bench/knowledge/http-bench.sh   IngestBench.java: ingestion job throughput vs the model alone.
# Tunables (environment): N (10000), QUERIES (300), WARMUP (100), UNIQUE_QUERIES=1; DOCS (4), SENTENCES (1500), WARMUP_SENTENCES (1500),
# POLL_MS (500); PORT, SRC_DIR,
# OUT_DIR, DB_NAME, REDIS_DB, BENCH_JAVA_HOME, JAVA_OPTS (server), SKIP_BUILD=1, PROFILE=1 (JFR on the server).
set -Eeuo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC_DIR="${SRC_DIR:-/tmp/hitbench-src}"
OUT_DIR="${OUT_DIR:-/tmp/llmops-hit-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"

preflight
build_private_copy with-tests
reset_state
export LLMOPS_KNOWLEDGE_INDEX_DIR="$(mktemp -d /tmp/llmops-bench-index.XXXXXX)"   # large: kept out of OUT_DIR
start_server
wait_ready

DRIVER_CLASS="HitBench"
[ "${DRIVER:-hit}" = ingest ] && DRIVER_CLASS="IngestBench"
log "running bench/knowledge/$DRIVER_CLASS.java"
BASE="$BASE" DB_URL="$LLMOPS_DATABASE_URL" SERVER_PID="$SERVER_PID" OUT="$OUT_DIR/summary.md" \
    "$JAVA" --add-modules jdk.incubator.vector -cp "$CLASSPATH_DRIVER" "$PROJECT_DIR/bench/knowledge/$DRIVER_CLASS.java" \
    2> >(tee "$OUT_DIR/driver.log" >&2)
kill -0 "$SERVER_PID" 2>/dev/null || die "Payara exited during the run"
echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); server JAVA_OPTS='${JAVA_OPTS}'" \
    >>"$OUT_DIR/summary.md"
cat "$OUT_DIR/summary.md"
log "summary, driver log and server log: $OUT_DIR"
