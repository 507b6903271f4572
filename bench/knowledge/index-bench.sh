#!/usr/bin/env bash
# Knowledge engine benchmark (see bench/README.md, "Knowledge engine"): runs bench/knowledge/IndexBench.java
# against the compiled classes of the working tree. No server, no network.
# Tunables: SIZES (comma-separated segment counts, one index grown through them; "10000,100000"),
# N (a single size, overrides SIZES), QUERIES (1000 per strategy), PEER_QUERIES (100, InMemoryEmbeddingStore),
# CLUSTERS (50), OPTIMIZE (true: merge after each bulk load), EMBED_TEXTS (256; 0 skips the embedding model),
# EMBED_BATCH (32), BENCH_JAVA_HOME, DRIVER_OPTS.
set -Eeuo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$PROJECT_DIR"
JAVA_HOME="$JAVA_HOME" mvn -B -q compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# the test classpath: it holds langchain4j's InMemoryEmbeddingStore (a test-scope dependency, not in the WAR)
JAVA_HOME="$JAVA_HOME" mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uptime | sed 's/.*load/load/')"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${DRIVER_OPTS:-} \
    -Dsizes="${N:-${SIZES:-10000,100000}}" -Dqueries="${QUERIES:-1000}" -Dclusters="${CLUSTERS:-50}" \
    -DpeerQueries="${PEER_QUERIES:-100}" -Doptimize="${OPTIMIZE:-false}" \
    -DembedTexts="${EMBED_TEXTS:-256}" -DembedBatch="${EMBED_BATCH:-32}" \
    -cp "target/classes:$(cat "$CP_FILE")" bench/knowledge/IndexBench.java
