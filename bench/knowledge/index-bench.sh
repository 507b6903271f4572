#!/usr/bin/env bash
# Knowledge engine benchmark (see bench/README.md, "Knowledge engine"): runs bench/knowledge/IndexBench.java
# against the compiled classes of the working tree. No server, no network.
# Tunables: N (segments, 10000), QUERIES (1000), CLUSTERS (50), BENCH_JAVA_HOME, DRIVER_OPTS.
set -Eeuo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$PROJECT_DIR"
JAVA_HOME="$JAVA_HOME" mvn -B -q compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
JAVA_HOME="$JAVA_HOME" mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${DRIVER_OPTS:-} \
    -Dn="${N:-10000}" -Dqueries="${QUERIES:-1000}" -Dclusters="${CLUSTERS:-50}" \
    -cp "target/classes:$(cat "$CP_FILE")" bench/knowledge/IndexBench.java
