"""Settings of `pipelens agent`: command-line options over environment over defaults.

Every bad value is reported at once, naming the option or variable and what was expected, and the
agent does not start (unlike the clients, which fall back to defaults: a daemon that silently
listens somewhere else than configured would lose data).
"""

import os
import urllib.parse
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from . import _config

USAGE = """usage: pipelens agent [options]

Local OTLP/HTTP forwarder: applications send to it, it batches and forwards to the collector, and
keeps everything on disk while the collector is unreachable (see docs/clients.md).

options (each also an environment variable; the option wins):
  --listen HOST:PORT       where to listen (PIPELENS_AGENT_LISTEN, default 127.0.0.1:4328)
  --endpoint URL           collector OTLP/HTTP base URL (PIPELENS_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT,
                           default http://127.0.0.1:4318)
  --api-endpoint URL       collector API base URL for /v1/drift/samples (PIPELENS_API_ENDPOINT,
                           default port 8080 on the endpoint's host)
  --spool-dir DIR          the agent's own spool (PIPELENS_AGENT_SPOOL_DIR,
                           default <cache>/pipelens/agent-spool)
  --spool-max-bytes N      spool bound; the oldest files are dropped beyond it
                           (PIPELENS_AGENT_SPOOL_MAX_BYTES, default 268435456 = 256 MiB)
  --client-spool-dir DIR   the clients' and `pipelens run`'s spool to drain (PIPELENS_SPOOL_DIR,
                           default <cache>/pipelens/spool); 'none' to not drain one
  --max-body-bytes N       largest request accepted (PIPELENS_AGENT_MAX_BODY_BYTES, default 16777216)
  --queue-bytes N          memory for requests not yet forwarded; beyond it requests go to the
                           spool (PIPELENS_AGENT_QUEUE_BYTES, default 33554432)
  --batch-bytes N          largest forwarded request (PIPELENS_AGENT_BATCH_BYTES, default 4194304)
  --batch-delay-ms N       how long a request may wait for others to share its batch
                           (PIPELENS_AGENT_BATCH_DELAY_MS, default 200)
  --max-backoff-ms N       longest pause between attempts while the collector is down
                           (PIPELENS_AGENT_MAX_BACKOFF_MS, default 5000)
  --shutdown-timeout-ms N  on SIGTERM/SIGINT, time to forward what is in memory before spooling it
                           (PIPELENS_AGENT_SHUTDOWN_TIMEOUT_MS, default 5000)
PIPELENS_TOKEN is sent to the collector as a bearer token; PIPELENS_EXPORT_TIMEOUT (seconds,
default 10 here) bounds each forwarded request."""


class UsageError(ValueError):
    pass


class AgentConfig(NamedTuple):
    host: str
    port: int
    endpoint: str
    api_endpoint: str
    token: Optional[str]
    spool_dir: str
    spool_max_bytes: int
    client_spool_dir: Optional[str]
    max_body_bytes: int
    queue_bytes: int
    batch_bytes: int
    batch_delay: float  # seconds
    max_backoff: float  # seconds
    shutdown_timeout: float  # seconds
    timeout: float  # seconds per forwarded request


# option -> (environment variable, default)
_OPTIONS: Dict[str, Tuple[Tuple[str, ...], Optional[str]]] = {
    "--listen": (("PIPELENS_AGENT_LISTEN",), "127.0.0.1:4328"),
    "--endpoint": (("PIPELENS_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"), _config.DEFAULT_ENDPOINT),
    "--api-endpoint": (("PIPELENS_API_ENDPOINT",), None),
    "--spool-dir": (("PIPELENS_AGENT_SPOOL_DIR",), None),
    "--spool-max-bytes": (("PIPELENS_AGENT_SPOOL_MAX_BYTES",), str(256 * 1024 * 1024)),
    "--client-spool-dir": (("PIPELENS_SPOOL_DIR",), None),
    "--max-body-bytes": (("PIPELENS_AGENT_MAX_BODY_BYTES",), str(16 * 1024 * 1024)),
    "--queue-bytes": (("PIPELENS_AGENT_QUEUE_BYTES",), str(32 * 1024 * 1024)),
    "--batch-bytes": (("PIPELENS_AGENT_BATCH_BYTES",), str(4 * 1024 * 1024)),
    "--batch-delay-ms": (("PIPELENS_AGENT_BATCH_DELAY_MS",), "200"),
    "--max-backoff-ms": (("PIPELENS_AGENT_MAX_BACKOFF_MS",), "5000"),
    "--shutdown-timeout-ms": (("PIPELENS_AGENT_SHUTDOWN_TIMEOUT_MS",), "5000"),
}


def _raw_values(argv: Sequence[str], env: Dict[str, str]) -> Dict[str, Tuple[str, Optional[str]]]:
    """option -> (where it came from, value)."""
    given: Dict[str, Tuple[str, str]] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            raise UsageError("")
        name, sep, value = arg.partition("=")
        if name not in _OPTIONS:
            raise UsageError("unknown option %r" % arg)
        if not sep:
            if i + 1 >= len(argv):
                raise UsageError("%s needs a value" % name)
            value, i = argv[i + 1], i + 1
        given[name] = (name, value)
        i += 1
    values: Dict[str, Tuple[str, Optional[str]]] = {}
    for option, (variables, default) in _OPTIONS.items():
        if option in given:
            values[option] = given[option]
            continue
        found = next(((v, env[v].strip()) for v in variables if env.get(v, "").strip()), None)
        values[option] = found if found else ("default of " + option, default)
    return values


def load(argv: Sequence[str], env: Optional[Dict[str, str]] = None) -> AgentConfig:
    """The configuration, or UsageError listing every bad value."""
    values = _raw_values(argv, dict(os.environ if env is None else env))
    errors: List[str] = []

    def number(option: str, minimum: int) -> int:
        source, raw = values[option]
        try:
            value = int(raw or "")
            if value < minimum:
                raise ValueError
            return value
        except ValueError:
            errors.append("%s=%r: expected a whole number >= %d" % (source, raw, minimum))
            return minimum

    def url(option: str) -> str:
        source, raw = values[option]
        parsed = urllib.parse.urlparse(raw or "")
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            errors.append("%s=%r: expected an http(s) URL such as http://127.0.0.1:4318" % (source, raw))
            return ""
        return (raw or "").rstrip("/")

    host, port = _listen(values["--listen"], errors)
    endpoint = url("--endpoint")
    api_endpoint = url("--api-endpoint") if values["--api-endpoint"][1] else (
        _config._default_api_endpoint(endpoint) if endpoint else "")
    client_spool = values["--client-spool-dir"][1] or _config._default_spool_dir()
    cache = os.path.dirname(_config._default_spool_dir())
    config = AgentConfig(
        host=host, port=port, endpoint=endpoint, api_endpoint=api_endpoint,
        token=(env if env is not None else os.environ).get("PIPELENS_TOKEN") or None,
        spool_dir=values["--spool-dir"][1] or os.path.join(cache, "agent-spool"),
        spool_max_bytes=number("--spool-max-bytes", 0),
        client_spool_dir=None if client_spool.lower() == "none" else client_spool,
        max_body_bytes=number("--max-body-bytes", 1),
        queue_bytes=number("--queue-bytes", 0),
        batch_bytes=number("--batch-bytes", 1),
        batch_delay=number("--batch-delay-ms", 0) / 1000.0,
        max_backoff=max(0.05, number("--max-backoff-ms", 50) / 1000.0),
        shutdown_timeout=number("--shutdown-timeout-ms", 0) / 1000.0,
        timeout=_timeout(env if env is not None else os.environ, errors),
    )
    for upstream in (config.endpoint, config.api_endpoint):
        parsed = urllib.parse.urlparse(upstream)
        if upstream and parsed.port == port and parsed.hostname in (host, "localhost", "127.0.0.1", "::1"):
            errors.append("%s points at the agent's own --listen %s:%d: set --endpoint to the collector"
                          % (upstream, host, port))
    if errors:
        raise UsageError("; ".join(errors))
    return config


def _listen(value: Tuple[str, Optional[str]], errors: List[str]) -> Tuple[str, int]:
    source, raw = value
    host, sep, port = (raw or "").rpartition(":")
    host = host.strip("[]")
    if sep and host and port.isdigit() and 0 <= int(port) <= 65535:
        return host, int(port)
    errors.append("%s=%r: expected HOST:PORT such as 127.0.0.1:4328 ([::1]:4328 for IPv6, port 0 = any free)"
                  % (source, raw))
    return "127.0.0.1", 0


def _timeout(env, errors: List[str]) -> float:
    raw = (env.get("PIPELENS_EXPORT_TIMEOUT") or "").strip()
    if not raw:
        return 10.0
    try:
        value = float(raw)
        if value < 0.05:
            raise ValueError
        return value
    except ValueError:
        errors.append("PIPELENS_EXPORT_TIMEOUT=%r: expected seconds >= 0.05" % raw)
        return 10.0
