#!/usr/bin/env bash
# Ingest benchmark: pipelens collector vs Zipkin server, side by side in one run.
# Usage: bench/ingest.sh [--requests N] [--warmup N] [--concurrency N] [--spans-per-request N]
set -euo pipefail
cd "$(dirname "$0")/.."
ZIPKIN_VERSION=${ZIPKIN_VERSION:-3.5.1}
[ "${PIPELENS_BENCH_NO_BUILD:-}" = 1 ] || ./mvnw -q -B install -DskipTests
./mvnw -q -B dependency:copy -Dartifact=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec \
  -DoutputDirectory=bench/target/peers -Dmdep.stripVersion=false
exec java -Xmx4g -cp "$(ls bench/target/pipelens-bench-*.jar | head -1):bench/target/lib/*" \
  io.pipelens.bench.IngestBench --repo . \
  --zipkin-jar "bench/target/peers/zipkin-server-$ZIPKIN_VERSION-exec.jar" "$@"
