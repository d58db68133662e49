"""Settings read once from the environment; a bad value is reported and replaced by its default."""

import logging
import os
import socket
import sys
import urllib.parse
from typing import Dict, NamedTuple, Optional

from . import _version

log = logging.getLogger("pipelens")

DEFAULT_ENDPOINT = "http://127.0.0.1:4318"
DEFAULT_API_PORT = 8080


class Config(NamedTuple):
    endpoint: str  # OTLP/HTTP base URL without trailing slash
    api_endpoint: str  # collector API base URL (model samples)
    token: Optional[str]
    spool_dir: str
    spool_max_bytes: int
    queue_size: int
    batch_size: int
    export_interval: float  # seconds between background exports
    timeout: float  # seconds per HTTP request
    exit_timeout: float  # seconds the atexit flush may take
    max_retries: int
    patch_subprocess: bool
    resource: Dict[str, object]


def _env(name: str) -> Optional[str]:
    value = os.environ.get(name)
    return value.strip() if value and value.strip() else None


def _number(name: str, default: float, minimum: float, cast=float):
    raw = _env(name)
    if raw is None:
        return default
    try:
        value = cast(raw)
        if value < minimum:
            raise ValueError("below %s" % minimum)
        return value
    except ValueError:
        log.warning("pipelens: ignoring %s=%r: expected a number >= %s; using %s", name, raw, minimum, default)
        return default


def _url(name: str, raw: Optional[str], default: str) -> str:
    if raw is None:
        return default
    parsed = urllib.parse.urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        log.warning("pipelens: ignoring %s=%r: expected an http(s) URL such as %s", name, raw, default)
        return default
    return raw.rstrip("/")


def _default_api_endpoint(endpoint: str) -> str:
    parsed = urllib.parse.urlparse(endpoint)
    host = parsed.hostname or "127.0.0.1"
    if ":" in host:
        host = "[%s]" % host
    return "%s://%s:%d" % (parsed.scheme, host, DEFAULT_API_PORT)


def _default_spool_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if sys.platform == "darwin":
        base = os.path.join(os.path.expanduser("~"), "Library", "Caches")
    elif os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or base
    return os.path.join(base, "pipelens", "spool")


def parse_resource_attributes(raw: Optional[str]) -> Dict[str, str]:
    """OTEL_RESOURCE_ATTRIBUTES 'k=v,k2=v2' (values percent-decoded); malformed members skipped."""
    result: Dict[str, str] = {}
    for member in (raw or "").split(","):
        key, sep, value = member.partition("=")
        if not sep or not key.strip():
            if member.strip():
                log.warning("pipelens: ignoring OTEL_RESOURCE_ATTRIBUTES member %r: expected key=value", member)
            continue
        result[key.strip()] = urllib.parse.unquote(value.strip())
    return result


def _script_name() -> str:
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else ""
    name = os.path.basename(argv0)
    if name.endswith(".py"):
        name = name[:-3]
    if not name or name in ("-c", "-m", "-"):
        return "python"
    return name


def _service_name(from_attributes: Optional[str]) -> str:
    return _env("PIPELENS_SERVICE_NAME") or _env("OTEL_SERVICE_NAME") or from_attributes or _script_name()


def resource() -> Dict[str, object]:
    attrs: Dict[str, object] = dict(parse_resource_attributes(os.environ.get("OTEL_RESOURCE_ATTRIBUTES")))
    attrs["service.name"] = _service_name(attrs.get("service.name"))  # type: ignore[arg-type]
    attrs["telemetry.sdk.language"] = "python"
    attrs["telemetry.sdk.name"] = "pipelens"
    attrs["telemetry.sdk.version"] = _version.VERSION
    attrs["process.pid"] = os.getpid()
    attrs.setdefault("host.name", socket.gethostname())
    attrs.setdefault("process.runtime.name", sys.implementation.name)
    attrs.setdefault("process.runtime.version", "%d.%d.%d" % sys.version_info[:3])
    return attrs


def load() -> Config:
    endpoint = _url(
        "PIPELENS_ENDPOINT" if _env("PIPELENS_ENDPOINT") else "OTEL_EXPORTER_OTLP_ENDPOINT",
        _env("PIPELENS_ENDPOINT") or _env("OTEL_EXPORTER_OTLP_ENDPOINT"),
        DEFAULT_ENDPOINT,
    )
    api = _url("PIPELENS_API_ENDPOINT", _env("PIPELENS_API_ENDPOINT"), _default_api_endpoint(endpoint))
    return Config(
        endpoint=endpoint,
        api_endpoint=api,
        token=_env("PIPELENS_TOKEN"),
        spool_dir=_env("PIPELENS_SPOOL_DIR") or _default_spool_dir(),
        spool_max_bytes=_number("PIPELENS_SPOOL_MAX_BYTES", 64 * 1024 * 1024, 0, int),
        queue_size=_number("PIPELENS_QUEUE_SIZE", 2048, 1, int),
        batch_size=_number("PIPELENS_BATCH_SIZE", 512, 1, int),
        export_interval=_number("PIPELENS_EXPORT_INTERVAL", 5.0, 0.05),
        timeout=_number("PIPELENS_EXPORT_TIMEOUT", 3.0, 0.05),
        exit_timeout=_number("PIPELENS_EXIT_TIMEOUT", 5.0, 0.0),
        max_retries=_number("PIPELENS_MAX_RETRIES", 3, 0, int),
        patch_subprocess=(_env("PIPELENS_PATCH_SUBPROCESS") or "").lower() in ("1", "true", "yes", "on"),
        resource=resource(),
    )
