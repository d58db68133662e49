#!/usr/bin/env bash
# Drift benchmarks (see README.md, "Drift"): `pipelens drift compare` on 1M vs 1M rows beside
# scipy on the same data, and streaming samples into one model's windows.
#   bench/drift.sh [--rows N] [--stream-rows N]
#   PIPELENS_BENCH_NO_BUILD=1 bench/drift.sh       # reuse drift-monitor/$PIPELENS_BENCH_BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=1000000
STREAM_ROWS=20000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --stream-rows) STREAM_ROWS=$2; shift 2 ;;
    *) echo "unknown option $1; expected --rows N --stream-rows N" >&2; exit 2 ;;
  esac
done
BUILD=${PIPELENS_BENCH_BUILD_DIR:-target}
if [ -z "${PIPELENS_BENCH_NO_BUILD:-}" ]; then
  ./mvnw -B -q -Dpipelens.buildDir="$BUILD" -pl drift-monitor package -DskipTests
fi
CP="$(ls drift-monitor/$BUILD/pipelens-drift-*.jar | grep -v tests | head -1):drift-monitor/$BUILD/lib/*"
OUT=$(mktemp -d /tmp/pipelens-drift-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
ONE_CORE="taskset -c 0"   # "per column on one core": every timed process is pinned to CPU 0

echo "== pipelens drift compare: $ROWS vs $ROWS rows, 20 numeric + 5 categorical columns"
$ONE_CORE java -Xmx6g -XX:+UseParallelGC -XX:ActiveProcessorCount=1 -cp "$CP" \
  bench/drift/DriftCompareBench.java --rows "$ROWS" --numeric 20 --categorical 5 --repeat 3 \
  --out "$OUT" | tee "$OUT/java.txt"
echo
echo "== scipy $(/usr/bin/python3 -c 'import scipy; print(scipy.__version__)') on the same columns (CPU ms per column, I/O excluded)"
$ONE_CORE /usr/bin/python3 bench/drift/scipy_compare.py "$OUT" 20 5 3 | tee "$OUT/scipy.txt"
echo
echo "method        pipelens ms/col  scipy ms/col  scipy/pipelens"
awk 'NR==FNR { scipy[$1] = $2; next }
     $1 in scipy && $3 ~ /^[0-9]+$/ { printf "%-13s %15.1f %13.1f %14.2fx\n", $1, $4, scipy[$1], scipy[$1] / $4 }' \
  "$OUT/scipy.txt" "$OUT/java.txt"
echo
echo "== end to end: the command itself (read both CSVs, all 25 columns, automatic methods)"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" $ONE_CORE \
  java -Xmx6g -XX:ActiveProcessorCount=1 -cp "$CP" io.pipelens.drift.cli.DriftCompareMain \
  --reference "$OUT/reference.csv" --current "$OUT/current.csv" | tail -3
echo
echo "== streaming: 20 features into one model's windows"
$ONE_CORE java -Xmx512m -XX:+UseParallelGC -XX:ActiveProcessorCount=1 -cp "$CP" \
  bench/drift/DriftStreamBench.java --rows "$STREAM_ROWS" | tee "$OUT/stream.txt"
echo "== the same stream monitored with scipy (a quarter of the rows)"
$ONE_CORE /usr/bin/python3 bench/drift/scipy_stream.py $((STREAM_ROWS / 4)) | tee "$OUT/scipy-stream.txt"
awk '/^accept/ { gsub(",", "", $6); java = $6 } /^scipy/ { py = $6 }
     END { if (java && py) printf "rows/CPU-s pipelens / scipy: %.1fx\n", java / py }' \
  "$OUT/stream.txt" "$OUT/scipy-stream.txt"
