"""Runs `pipelens agent` (bin/pipelens agent) as a real process on a free port for the tests."""

import json
import os
import signal
import subprocess
import urllib.error
import urllib.request
from typing import Dict, List, Optional

import collector
import harness

LAUNCHER = os.path.join(collector.REPO, "bin", "pipelens")


class AgentProcess:
    def __init__(self, endpoint: str, spool_dir: str, log_path: str, *options: str, client_spool: str = "none",
                 env: Optional[Dict[str, str]] = None):
        self.port = collector.free_port()
        self.log_path = log_path
        self.argv = [LAUNCHER, "agent", "--listen", "127.0.0.1:%d" % self.port, "--endpoint", endpoint,
                     "--spool-dir", spool_dir, "--client-spool-dir", client_spool, *options]
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PIPELENS_", "OTEL_"))}
        self.env.update(env or {})
        self.process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.port

    def start(self) -> "AgentProcess":
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        collector.wait_until(self._ready, 30, "pipelens agent /health (log: %s)" % self.log_path)
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError("agent exited with %s:\n%s" % (self.process.returncode, self.log()))
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, then the exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def log(self) -> str:
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def metric(self, name: str, signal_name: Optional[str] = None) -> float:
        with urllib.request.urlopen(self.url + "/metrics", timeout=5) as response:
            text = response.read().decode()
        prefix = name + ('{signal="%s"}' % signal_name if signal_name else "")
        values = [float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.split(" ")[0] == prefix]
        if not values:
            raise AssertionError("agent has no metric %s:\n%s" % (prefix, text))
        return values[0]

    def settled(self) -> bool:
        """Nothing waits in memory or in the spool: nothing more will be forwarded."""
        return self.metric("pipelens_agent_queue_bytes") == 0 and self.metric("pipelens_agent_spool_bytes") == 0


def post(url: str, body: bytes, content_type: str = "application/json",
         headers: Optional[Dict[str, str]] = None) -> "tuple[int, Dict[str, str], bytes]":
    """(status, headers, body) of one POST, errors included."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers=dict({"Content-Type": content_type}, **(headers or {})))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def spans_json(trace_id: str, *names: str, first: int = 1) -> bytes:
    """An OTLP JSON traces request: one span per name, span ids first, first + 1, ..."""
    spans = [{"traceId": trace_id, "spanId": "%016x" % (first + i), "name": name, "kind": 1,
              "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000001000000000"}
             for i, name in enumerate(names)]
    return json.dumps({"resourceSpans": [{"resource": {"attributes": [
        {"key": "service.name", "value": {"stringValue": "agent-test"}}]},
        "scopeSpans": [{"scope": {"name": "test"}, "spans": spans}]}]}).encode()


def client_env(agent: AgentProcess, spool: str) -> Dict[str, str]:
    """A pipelens client sending to the agent."""
    return harness.base_env(agent.url, spool, PIPELENS_API_ENDPOINT=agent.url)


def spool_names(directory: str) -> List[str]:
    return harness.spool_files(directory) + [n for n in os.listdir(directory) if n.endswith(".pb")] \
        if os.path.isdir(directory) else []
