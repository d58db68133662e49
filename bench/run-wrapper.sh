#!/usr/bin/env bash
# Start-up overhead of `pipelens run`: time from invoking it to the child's start, minus the same
# for running the child directly. The child is `date +%s%N`, which prints its own start time, so
# the figure excludes the export at the end. Usage: bench/run-wrapper.sh [RUNS] (default 50)
# Prints median and p90 in ms (python loop; hyperfine is not needed, see the end for total time).
# The collector is not needed (telemetry goes to a temporary spool).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-50}
spool=$(mktemp -d)
trap 'rm -rf "$spool"' EXIT
PIPELENS_SPOOL_DIR=$spool PIPELENS_ENDPOINT=http://127.0.0.1:9 PIPELENS_EXIT_TIMEOUT=0 \
  /usr/bin/python3 - "$here/bin/pipelens" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
launcher, runs = sys.argv[1], int(sys.argv[2])

def start_delay(argv):
    t0 = time.time_ns()
    out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
    return (int(out.split()[0]) - t0) / 1e6

direct, wrapped, floor = [], [], []
for _ in range(runs):  # interleaved, so load changes on a shared machine hit all alike
    direct.append(start_delay(["date", "+%s%N"]))
    wrapped.append(start_delay([launcher, "run", "--", "date", "+%s%N"]))
    # the floor any Python wrapper pays: an interpreter that starts and execs the command at once
    floor.append(start_delay(["/usr/bin/python3", "-S", "-c", "import os; os.execvp('date', ['date', '+%s%N'])"]))
overhead = sorted(w - d for w, d in zip(wrapped, direct))
p90 = overhead[int(0.9 * (len(overhead) - 1))]
print("runs=%d direct median %.1f ms, wrapped median %.1f ms" % (runs, statistics.median(direct), statistics.median(wrapped)))
print("added start-up: median %.1f ms, p90 %.1f ms" % (statistics.median(overhead), p90))
print("floor (python3 -S exec'ing the command): median %.1f ms" % (statistics.median(floor) - statistics.median(direct)))
print("load average: %.2f %.2f %.2f on %d cpus" % (os.getloadavg() + (os.cpu_count(),)))
PY
# hyperfine, when installed, adds the whole wall time (start-up + export at the end, here to a
# closed port, so spooled): what a scheduler waits for, not just the delay before the command starts
if command -v hyperfine >/dev/null 2>&1; then
  PIPELENS_SPOOL_DIR=$spool PIPELENS_ENDPOINT=http://127.0.0.1:9 PIPELENS_EXIT_TIMEOUT=0 \
    hyperfine -N --warmup 3 --runs "$runs" 'true' "$here/bin/pipelens run -- true"
fi
