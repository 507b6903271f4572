#!/usr/bin/env bash
# LLMOps' two everyday commands, on any machine with Maven and a JDK 25:
#   bash server-config/llmops.sh run    build the WAR and serve it on :8080 (embedded PostgreSQL/Redis unless configured)
#   bash server-config/llmops.sh test   build and run every test (unit + integration in a real Payara Micro)
# It picks the JDK itself: JAVA_HOME when it is 25 or newer (the build targets Java 25), else the newest
# suitable one under /usr/lib/jvm or /opt; a clear error when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() {   # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [[ -x "$1/bin/java" && -x "$1/bin/javac" && -f "$release" ]] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk() {
  local needed=${LLMOPS_MIN_JDK:-25} best="" best_major=0 candidate major
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=$(java_major "$JAVA_HOME")
    if [[ -n "$major" && "$major" -ge "$needed" ]]; then echo "$JAVA_HOME"; return; fi
  fi
  for candidate in /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/; do
    [[ -d "$candidate" ]] || continue
    candidate=${candidate%/}
    major=$(java_major "$candidate")
    if [[ -n "$major" && "$major" -ge "$needed" && "$major" -gt "$best_major" ]]; then
      best=$candidate; best_major=$major
    fi
  done
  if [[ -z "$best" ]]; then
    echo "llmops: no JDK $needed or newer found (JAVA_HOME=${JAVA_HOME:-unset}, searched /usr/lib/jvm, /opt)." >&2
    echo "llmops: install one (for example Temurin 25) and/or set JAVA_HOME to it." >&2
    exit 3
  fi
  echo "$best"
}

JAVA_HOME=$(find_jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null || { echo "llmops: Maven (mvn) is not on PATH" >&2; exit 3; }
echo "llmops: using JDK at $JAVA_HOME" >&2

case "${1:-}" in
  run)  mvn -B -q -DskipTests package && exec mvn -B -q exec:java@run ;;
  test) exec mvn -B clean verify ;;
  *)    echo "usage: bash server-config/llmops.sh run|test" >&2; exit 2 ;;
esac
