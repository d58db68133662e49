#!/usr/bin/env bash
# Trace lookup benchmark: 10 million spans in the collector's DuckDB store, p50/p99 of trace-by-id
# over HTTP (pipelens and Zipkin dialects), searches, and zipkin-server side by side.
# Usage: bench/trace-lookup.sh [--spans N] [--lookups N] [--data DIR] [--zipkin-spans N] [--no-zipkin]
#   [--warmup N] [--collector-jvm-opts "-XX:StartFlightRecording=filename=/tmp/x.jfr"]
# The data directory (default bench/target/trace-lookup-data) is filled once and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
ZIPKIN_VERSION=${ZIPKIN_VERSION:-3.5.1}
BUILD_DIR=${PIPELENS_BENCH_BUILD_DIR:-target}
if [ "${PIPELENS_BENCH_NO_BUILD:-}" != 1 ]; then
  ./mvnw -q -B -Dpipelens.buildDir="$BUILD_DIR" -pl collector/server,bench -am package -DskipTests
fi
zipkin=(--zipkin-jar "bench/$BUILD_DIR/peers/zipkin-server-$ZIPKIN_VERSION-exec.jar")
args=()
for a in "$@"; do
  if [ "$a" = --no-zipkin ]; then zipkin=(); else args+=("$a"); fi
done
if [ ${#zipkin[@]} -gt 0 ]; then
  ./mvnw -q -B dependency:copy -Dartifact=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec \
    -DoutputDirectory="bench/$BUILD_DIR/peers" -Dmdep.stripVersion=false
fi
exec java -Xmx2g -cp "$(ls bench/"$BUILD_DIR"/pipelens-bench-*.jar | head -1):bench/$BUILD_DIR/lib/*" \
  io.pipelens.bench.TraceLookupBench --repo . --build-dir "$BUILD_DIR" \
  --data "bench/$BUILD_DIR/trace-lookup-data" "${zipkin[@]}" "${args[@]}"
