"""Starts a real pipelens collector (collector/server build) for end-to-end client tests.

The build is found in PIPELENS_COLLECTOR_BUILD (a collector/server build folder holding the jar
and lib/), else collector/server/target, else collector/server/target-*/ (per-helper build dirs).
What the collector stored is read back, after it stopped, from its DuckDB file with
StoreQuery.java (run by `java` as a single-file program on the collector's classpath, whose store
jar decodes the span chunks into a `spans` table for the query).
"""

import glob
import json
import os
import socket
import subprocess
import threading
import time
import urllib.request
import zipfile
from typing import Dict, List, Optional

import harness

REPO = os.path.dirname(os.path.dirname(harness.PYTHON_ROOT))
MAIN_CLASS = "io.pipelens.collector.CollectorMain"
JAVA = os.environ.get("JAVA", "java")


def _has_main(folder: str) -> bool:
    jars = [j for j in glob.glob(os.path.join(folder, "pipelens-collector-*.jar"))
            if not j.endswith(("-sources.jar", "-tests.jar", "-javadoc.jar"))]
    if not jars or not glob.glob(os.path.join(folder, "lib", "duckdb_jdbc-*.jar")):
        return False
    try:
        with zipfile.ZipFile(jars[0]) as jar:
            return MAIN_CLASS.replace(".", "/") + ".class" in jar.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def build_dir() -> Optional[str]:
    explicit = os.environ.get("PIPELENS_COLLECTOR_BUILD")
    if explicit:
        return explicit if _has_main(explicit) else None
    server = os.path.join(REPO, "collector", "server")
    candidates = [os.path.join(server, "target")] + sorted(glob.glob(os.path.join(server, "target-*")),
                                                           key=os.path.getmtime, reverse=True)
    return next((c for c in candidates if _has_main(c)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, what: str, interval: float = 0.1) -> None:
    """Bounded polling (the Python counterpart of Awaitility)."""
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.0fs waiting for %s" % (timeout, what))
        pause.wait(interval)


class RealCollector:
    def __init__(self, build: str, data_dir: str, log_path: str, **settings: str):
        self.build, self.data_dir, self.log_path = build, data_dir, log_path
        self.settings = settings  # extra PIPELENS_COLLECTOR_* environment
        self.api_port, self.otlp_port, self.alerting_port = free_port(), free_port(), free_port()
        self.process: Optional[subprocess.Popen] = None

    @property
    def otlp_url(self) -> str:
        return "http://127.0.0.1:%d" % self.otlp_port

    @property
    def api_url(self) -> str:
        return "http://127.0.0.1:%d" % self.api_port

    def classpath(self) -> str:
        jar = [j for j in glob.glob(os.path.join(self.build, "pipelens-collector-*.jar"))
               if not j.endswith(("-sources.jar", "-tests.jar", "-javadoc.jar"))][0]
        return jar + os.pathsep + os.path.join(self.build, "lib", "*")

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELENS_")}
        env.update(PIPELENS_COLLECTOR_HTTP_PORT=str(self.api_port), PIPELENS_COLLECTOR_HTTP_HOST="127.0.0.1",
                   PIPELENS_COLLECTOR_OTLP_HTTP_PORT=str(self.otlp_port), PIPELENS_COLLECTOR_OTLP_HTTP_HOST="127.0.0.1",
                   PIPELENS_COLLECTOR_OTLP_GRPC_ENABLED="false", PIPELENS_COLLECTOR_ZIPKIN_ENABLED="false",
                   PIPELENS_COLLECTOR_JAEGER_ENABLED="false",
                   # the Alertmanager API listener has no switch: a free port, not the default 9093
                   PIPELENS_COLLECTOR_ALERTING_HOST="127.0.0.1",
                   PIPELENS_COLLECTOR_ALERTING_PORT=str(self.alerting_port),
                   PIPELENS_COLLECTOR_DATA_DIR=self.data_dir)
        env.update(self.settings)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([JAVA, "-Xmx512m", "-cp", self.classpath(), MAIN_CLASS],
                                            env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_until(self._ready, 90, "collector /health/ready (log: %s)" % self.log_path, interval=0.2)

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            with open(self.log_path, errors="replace") as log:
                raise AssertionError("collector exited with %s:\n%s" % (self.process.returncode, log.read()[-4000:]))
        try:
            with urllib.request.urlopen(self.api_url + "/health/ready", timeout=1) as response:
                return response.status == 200
        except Exception:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def metric(self, name: str, **labels: str) -> float:
        """Sum of one Prometheus metric over series matching `labels` from the live /metrics."""
        with urllib.request.urlopen(self.api_url + "/metrics", timeout=5) as response:
            text = response.read().decode()
        total = 0.0
        for line in text.splitlines():
            if not line.startswith(name + "{") and not line.startswith(name + " "):
                continue
            if all('%s="%s"' % item in line for item in labels.items()):
                total += float(line.rsplit(" ", 1)[1])
        return total

    def query(self, sql: str) -> List[Dict[str, Optional[str]]]:
        """Rows of `sql` against the stopped collector's store."""
        # the collector's classpath: the DuckDB driver and the store's span codec (spans are chunks)
        result = subprocess.run([JAVA, "-cp", self.classpath(), os.path.join(harness.HERE, "StoreQuery.java"),
                                 os.path.join(self.data_dir, "pipelens.duckdb"), sql],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError("store query failed: %s" % result.stderr[-2000:])
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
