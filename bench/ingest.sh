#!/usr/bin/env bash
# Ingest benchmark: pipelens collector vs Zipkin server, side by side in one run.
# Usage: bench/ingest.sh [--requests N] [--warmup N] [--zipkin-requests N] [--zipkin-warmup N]
#        [--zipkin-heap 1g] [--concurrency N] [--spans-per-request N] [--collector-jvm-opts "..."]
# Defaults: 10,000 warm-up + 20,000 measured requests of 100 spans per pipelens phase; Zipkin's
# in-memory storage holds all it gets, so its phase is 1,500 + 3,000 (with --zipkin-heap 1g).
# PIPELENS_BENCH_BUILD_DIR (default target-bench) is the Maven build folder of this run, so the
# benchmark never overwrites another build's output; PIPELENS_BENCH_NO_BUILD=1 reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."
ZIPKIN_VERSION=${ZIPKIN_VERSION:-3.5.1}
BUILD_DIR=${PIPELENS_BENCH_BUILD_DIR:-target-bench}
[ "${PIPELENS_BENCH_NO_BUILD:-}" = 1 ] || ./mvnw -q -B -Dpipelens.buildDir="$BUILD_DIR" \
  -pl collector/server,bench -am package -DskipTests
./mvnw -q -B dependency:copy -Dartifact=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec \
  -DoutputDirectory="$PWD/bench/$BUILD_DIR/peers" -Dmdep.stripVersion=false -pl bench
exec java -Xmx4g -cp "$(ls bench/$BUILD_DIR/pipelens-bench-*.jar | head -1):bench/$BUILD_DIR/lib/*" \
  io.pipelens.bench.IngestBench --repo . --build-dir "$BUILD_DIR" --work "bench/$BUILD_DIR/run" \
  --zipkin-jar "bench/$BUILD_DIR/peers/zipkin-server-$ZIPKIN_VERSION-exec.jar" "$@"
