#!/usr/bin/env bash
# Starts the collector and the example polyglot pipeline, runs the pipeline once on demand and
# prints where to look. Ctrl-C stops everything it started.
#
#   examples/run-example.sh [--once]      (--once: stop after the first run instead of serving)
#
# Needs the build (./mvnw -B -q -pl examples -am package -DskipTests) and the Debian packages of
# .ci/apt-packages (python3-grpcio, python3-pika, r-cran-plumber, rabbitmq-server, ...).
# Environment: API_PORT (8080), OTLP_PORT (4318), ALERTING_PORT (9093), EVERY (10m between
# scheduled runs), WORK (a new temporary folder), BUILD (target: the build folder name).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
build=${BUILD:-target}
api_port=${API_PORT:-8080}
otlp_port=${OTLP_PORT:-4318}
alerting_port=${ALERTING_PORT:-9093}
every=${EVERY:-10m}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/pipelens-example.XXXXXX")}
python=/usr/bin/python3
once=false
[ "${1:-}" = "--once" ] && once=true

fail() { echo "run-example: $*" >&2; exit 2; }
collector_jar=$(ls "$repo/collector/server/$build"/pipelens-collector-*.jar 2>/dev/null | grep -v -E '(sources|tests|javadoc)\.jar$' | head -n 1 || true)
agent_jar="$repo/agent/$build/pipelens-javaagent.jar"
classpath_file="$here/$build/scheduler.classpath"
[ -n "$collector_jar" ] && [ -f "$agent_jar" ] && [ -f "$classpath_file" ] ||
  fail "not built; run: ./mvnw -B -q -pl examples -am package -DskipTests"
for tool in "$python" Rscript java curl /usr/lib/rabbitmq/bin/rabbitmq-server; do
  command -v "$tool" >/dev/null || fail "$tool not found; install the packages in .ci/apt-packages"
done
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo "stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  if [ -n "${rabbit_node:-}" ]; then
    rabbit_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$rabbit_node" shutdown >/dev/null 2>&1 || true
    epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true
  fi
  wait 2>/dev/null || true
  echo "logs and data kept in $work"
}
trap cleanup EXIT INT TERM
wait_for() { # what url-or-command seconds
  local what=$1 check=$2 seconds=$3
  for ((i=0; i<seconds*2; i++)); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  fail "$what not ready after ${seconds}s (logs in $work)"
}

mkdir -p "$work"
echo "work folder: $work"

# 1. the pipelens R package in a private library
mkdir -p "$work/rlib"
PIPELENS_SPOOL_DIR="$work/install-spool" PIPELENS_ENDPOINT=http://127.0.0.1:9 \
  R CMD INSTALL --no-docs --no-multiarch --library="$work/rlib" "$repo/agent/r" >"$work/r-install.log" 2>&1 ||
  fail "R CMD INSTALL agent/r failed: $work/r-install.log"

# 2. a private RabbitMQ node (own name, ports, cookie and folders)
amqp_port=$(free_port); dist_port=$(free_port); epmd_port=$(free_port)
rabbit_node="pipelens-example-$$@localhost"
mkdir -p "$work/rabbitmq"; echo "[]." >"$work/rabbitmq/enabled_plugins"; : >"$work/rabbitmq/rabbitmq.conf"
rabbit_env() {
  env HOME="$work/rabbitmq" RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_DIST_PORT="$dist_port" ERL_EPMD_PORT="$epmd_port" \
    ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_MNESIA_BASE="$work/rabbitmq/mnesia" \
    RABBITMQ_LOG_BASE="$work/rabbitmq/log" RABBITMQ_PID_FILE="$work/rabbitmq/pid" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbitmq/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$work/rabbitmq/rabbitmq.conf" "$@"
}
rabbit_env /usr/lib/rabbitmq/bin/rabbitmq-server >"$work/rabbitmq.log" 2>&1 &
pids+=($!)
amqp_uri="amqp://guest:guest@127.0.0.1:$amqp_port/%2F"

# 3. the collector
PIPELENS_COLLECTOR_HTTP_HOST=127.0.0.1 PIPELENS_COLLECTOR_HTTP_PORT=$api_port \
PIPELENS_COLLECTOR_OTLP_HTTP_HOST=127.0.0.1 PIPELENS_COLLECTOR_OTLP_HTTP_PORT=$otlp_port \
PIPELENS_COLLECTOR_OTLP_GRPC_ENABLED=false PIPELENS_COLLECTOR_ZIPKIN_ENABLED=false \
PIPELENS_COLLECTOR_JAEGER_ENABLED=false PIPELENS_COLLECTOR_ALERTING_HOST=127.0.0.1 \
PIPELENS_COLLECTOR_ALERTING_PORT=$alerting_port PIPELENS_COLLECTOR_DATA_DIR="$work/data" \
PIPELENS_COLLECTOR_DRIFT_REFERENCE_ROWS=200 PIPELENS_COLLECTOR_DRIFT_WINDOW_ROWS=200 \
PIPELENS_COLLECTOR_RULES_FILES="$here/pipeline/rules/pipeline-alerts.yml" \
PIPELENS_COLLECTOR_RULES_EVALUATION_INTERVAL=15s \
  java -Xmx512m -cp "$collector_jar:$repo/collector/server/$build/lib/*" io.pipelens.collector.CollectorMain \
  >"$work/collector.log" 2>&1 &
pids+=($!)
api="http://127.0.0.1:$api_port"
wait_for "collector" "curl -sf $api/health/ready" 120

# 4. the services, all sending to the collector through the pipelens clients
export PIPELENS_ENDPOINT="http://127.0.0.1:$otlp_port" PIPELENS_API_ENDPOINT="$api" \
  PIPELENS_SPOOL_DIR="$work/spool" PIPELENS_EXPORT_INTERVAL=1 PYTHONPATH="$repo/agent/python" \
  R_LIBS="$work/rlib"
scoring_port=$(free_port); segmenter_port=$(free_port)
OTEL_SERVICE_NAME=scoring-api Rscript "$here/pipeline/serve_scoring_api.R" "$scoring_port" >"$work/scoring-api.log" 2>&1 &
pids+=($!)
OTEL_SERVICE_NAME=segmenter "$python" "$here/pipeline/segmenter.py" "$segmenter_port" >"$work/segmenter.log" 2>&1 &
pids+=($!)
wait_for "RabbitMQ" "$python -c 'import socket; socket.create_connection((\"127.0.0.1\", $amqp_port), 1)'" 180
wait_for "RabbitMQ AMQP" "grep -q 'Starting broker... completed' $work/rabbitmq.log" 60
OTEL_SERVICE_NAME=reporter "$python" "$here/pipeline/reporter.py" "$amqp_uri" "$work/reports" >"$work/reporter.log" 2>&1 &
pids+=($!)
wait_for "scoring API" "curl -sf http://127.0.0.1:$scoring_port/health" 120
wait_for "segmenter" "grep -q ready $work/segmenter.log" 60
wait_for "reporter" "grep -q ready $work/reporter.log" 60

# 5. the scheduler under the pipelens Java agent: scheduled runs plus POST /runs on demand
scheduler_port=$(free_port)
OTEL_SERVICE_NAME=scheduler OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$otlp_port" \
OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none \
  java -javaagent:"$agent_jar" -cp "$here/$build/classes:$(cat "$classpath_file")" \
  io.pipelens.example.Scheduler serve --port "$scheduler_port" --every "$every" \
  --pipeline-dir "$here/pipeline" --work-dir "$work/runs" --python "$python" --rscript Rscript \
  --scoring-url "http://127.0.0.1:$scoring_port" --segmenter "127.0.0.1:$segmenter_port" \
  --amqp-uri "$amqp_uri" --rows 300 >"$work/scheduler.log" 2>&1 &
pids+=($!)
runs="http://127.0.0.1:$scheduler_port/runs"
wait_for "scheduler" "grep -q 'scheduler listening' $work/scheduler.log" 180

echo "running the pipeline once (POST $runs)..."
result=$(curl -s -X POST "$runs")
echo "$result"
trace=$(echo "$result" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["traceId"])')
cat <<EOF

The run's trace (Java, Python and R spans; allow a few seconds for the last ones):
  curl -s $api/api/traces/$trace | python3 -m json.tool
Errors and drift:    $api/api/errors   $api/api/drift/models   $api/api/drift/models/churn/versions/1
Metrics (RED etc.):  $api/metrics      PromQL: $api/api/v1/query?query=pipelens_spans_total
Alertmanager API:    http://127.0.0.1:$alerting_port/api/v2/alerts
More runs:           curl -X POST '$runs'                 (every $every on its own too)
  a drifted batch:   curl -X POST '$runs?shift=6'
  a malformed row:   curl -X POST '$runs?malformed-row=17'  (the R step fails; see /api/errors)
Grafana provisioning files for this collector:
  bin/pipelens dashboards provision --collector-url $api --out /etc/grafana/provisioning
Logs and data: $work
EOF
if $once; then exit 0; fi
echo "Ctrl-C to stop."
wait "${pids[-1]}"
