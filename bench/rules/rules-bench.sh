#!/usr/bin/env bash
# Rule evaluation: 1,000 alerting rules over 100,000 series, pipelens' RuleManager vs Debian's
# Prometheus (/usr/bin/prometheus) on the same generated data. See bench/README.md, "Rules".
#   bench/rules/rules-bench.sh            # builds the collector jar + lib, then runs both
#   PIPELENS_BENCH_NO_BUILD=1 bench/rules/rules-bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${PIPELENS_BENCH_BUILD_DIR:-target-bench-rules}
WORK=$(mktemp -d /tmp/pipelens-rules-bench.XXXXXX)
CYCLES=${CYCLES:-10}
PROM_PID=""
cleanup() { [ -n "$PROM_PID" ] && kill "$PROM_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -z "${PIPELENS_BENCH_NO_BUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q -Dpipelens.buildDir="$BUILD" -pl collector/server -am package -DskipTests)
fi
JAR=$(ls "$ROOT"/collector/server/"$BUILD"/pipelens-collector-*.jar | grep -v -e sources -e tests | head -1)
CP="$JAR:$ROOT/collector/server/$BUILD/lib/*"
BASE=$(date +%s)
JAVA_OPTS=${JAVA_OPTS:--Xmx4g}

echo "== generating data and rules (base $BASE)"
java $JAVA_OPTS -cp "$CP" "$ROOT/bench/rules/RulesBench.java" generate "$WORK" "$BASE"
ls -la "$WORK"

# Prometheus first: it evaluates at wall-clock time, so the data (ending at BASE) must still be
# within its 5-minute lookback; pipelens evaluates at BASE + 1 min whatever the time.
echo "== prometheus $(prometheus --version 2>&1 | head -1)"
start=$(date +%s.%N)
promtool tsdb create-blocks-from openmetrics "$WORK/data.om" "$WORK/tsdb" > "$WORK/backfill.log" 2>&1
echo "backfill: $(echo "$(date +%s.%N) - $start" | bc) s"
cat > "$WORK/prometheus.yml" <<YML
global:
  evaluation_interval: 15s
rule_files: [$WORK/rules.yml]
YML
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PORT" --log.level=warn > "$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
metric() { (curl -fsS "http://127.0.0.1:$PORT/metrics" 2>/dev/null || true) | awk "$1"; }
ITER='/^prometheus_rule_group_iterations_total\{.*bench/ { s += $2; n++ } END { if (n == 10) print int(s / 10); else print 0 }'
CPU='/^process_cpu_seconds_total/ { print $2 }'
# bounded waits (15 s interval): warm-up of 2 cycles, then CPU over the next CYCLES-2 cycles
for i in $(seq 1 600); do [ "$(metric "$ITER")" -ge 2 ] && break; sleep 1; done
it0=$(metric "$ITER"); cpu0=$(metric "$CPU")
for i in $(seq 1 900); do [ "$(metric "$ITER")" -ge $((it0 + CYCLES - 2)) ] && break; sleep 1; done
it1=$(metric "$ITER"); cpu1=$(metric "$CPU")
curl -fsS "http://127.0.0.1:$PORT/metrics" > "$WORK/prom-metrics.txt"
echo "prometheus: cpu per cycle $(echo "scale=3; ($cpu1 - $cpu0) / ($it1 - $it0)" | bc) s (process CPU over cycles $it0..$it1, all groups)" \
  | tee "$WORK/prometheus-cpu.txt"
curl -fsS "http://127.0.0.1:$PORT/api/v1/alerts" \
  | python3 -c 'import json,sys; print("prometheus: alerts (firing or pending):", len(json.load(sys.stdin)["data"]["alerts"]))'
awk '/^prometheus_rule_group_last_duration_seconds\{.*bench/ { s += $2; if ($2 > m) m = $2 } END { printf "prometheus: sum of group durations %.3f s, slowest group %.3f s\n", s, m }' \
  "$WORK/prom-metrics.txt" | tee "$WORK/prometheus.txt"
kill "$PROM_PID"; PROM_PID=""
grep -E '^prometheus_rule_evaluation_failures_total\{.*bench' "$WORK/prom-metrics.txt" | awk '{ f += $2 } END { print "prometheus failed rule evaluations:", f+0 }'

echo "== pipelens"
java $JAVA_OPTS -cp "$CP" "$ROOT/bench/rules/RulesBench.java" evaluate "$WORK" "$BASE" "$CYCLES" | tee "$WORK/pipelens.txt"

ours=$(awk '/median sum of group durations/ { print $(NF-1) }' "$WORK/pipelens.txt")
theirs=$(awk '/sum of group durations/ { print $6 }' "$WORK/prometheus.txt")
ours_cpu=$(awk '/median cpu per cycle/ { print $(NF-1) }' "$WORK/pipelens.txt")
theirs_cpu=$(awk '/cpu per cycle/ { print $5 }' "$WORK/prometheus-cpu.txt")
echo "ratio pipelens / prometheus, sum of group durations (wall): $(echo "scale=2; $ours / $theirs" | bc)"
echo "ratio pipelens / prometheus, CPU per cycle: $(echo "scale=2; $ours_cpu / $theirs_cpu" | bc)"
echo "load average while running: $(cut -d' ' -f1-3 /proc/loadavg)"
