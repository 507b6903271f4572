#!/bin/bash
# Paired A/B: base (A, /tmp/hitpath/src-base) and branch (B, /tmp/hitpath/src-mine) servers side by side
set -u
N=${N:-20000}; OUT=${OUT:-/tmp/hitpath/pair-$N}; mkdir -p $OUT
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
keys=$(mktemp -d); openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out $keys/p.pem 2>/dev/null; openssl pkey -in $keys/p.pem -pubout -out $keys/pub.pem
export LLMOPS_DATABASE_USER=postgres LLMOPS_DATABASE_PASSWORD= LLMOPS_REDIS_URL=redis://127.0.0.1:6379/12
export LLMOPS_SECRET_KEY="$(openssl rand -base64 32)" LLMOPS_JWT_PRIVATE_KEY="$(cat $keys/p.pem)" LLMOPS_JWT_PUBLIC_KEY="$(cat $keys/pub.pem)"
export LLMOPS_JWT_ACCESS_TOKEN_TTL_SECONDS=3600 LLMOPS_EXIT_ON_STARTUP_FAILURE=true
redis-cli -n 12 flushdb >/dev/null
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; sleep 5; for p in "${PIDS[@]}"; do kill -9 $p 2>/dev/null; done' EXIT
start() { # name src port db
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $4" >/dev/null; psql -q -h 127.0.0.1 -U postgres -c "create database $4" >/dev/null
  idx=$(mktemp -d /tmp/hitpath/idx-$1.XXXX)
  LLMOPS_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$4 LLMOPS_KNOWLEDGE_INDEX_DIR=$idx \
    $JAVA --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar $2/target/payara/payara-micro.jar \
    --deploy $2/target/llmops.war --contextroot / --port $3 --nocluster --disablephonehome \
    --addlibs $2/target/payara/postgresql.jar --postbootcommandfile $2/server-config/post-boot-commands.asadmin > $OUT/server-$1.log 2>&1 &
  PIDS+=($!)
}
start A /tmp/hitpath/src-base 18282 llmops_bench_hit
start B /tmp/hitpath/src-mine 18283 llmops_bench_hit_b
for port in 18282 18283; do
  for i in $(seq 1 1800); do [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:$port/ping)" = 200 ] && break; sleep 0.1; done
done
echo "ready $(date -u +%T)"
CP="/tmp/hitpath/src-base/target/test-classes:/tmp/hitpath/src-base/target/classes:$(cat /tmp/hitpath/src-base/target/bench-classpath.txt)"
N=$N BASE_A=http://127.0.0.1:18282 BASE_B=http://127.0.0.1:18283 DB_A=jdbc:postgresql://127.0.0.1:5432/llmops_bench_hit DB_B=jdbc:postgresql://127.0.0.1:5432/llmops_bench_hit_b \
  $JAVA --add-modules jdk.incubator.vector -cp "$CP" /tmp/hitpath/ab/HitAb.java > $OUT/summary.md 2> $OUT/driver.log
echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/summary.md
cat $OUT/summary.md
