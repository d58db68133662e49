"""pipelens client for Python: traces, errors, metrics, logs and model samples over OTLP/HTTP JSON.

Standard library only. Configuration comes from the environment at import (see docs/clients.md):
TRACEPARENT/TRACESTATE/BAGGAGE continue the parent's trace, PIPELENS_ENDPOINT (or
OTEL_EXPORTER_OTLP_ENDPOINT) says where to send, PIPELENS_SPOOL_DIR where to keep what could not
be sent. Telemetry is exported by one background daemon thread and flushed at exit.
"""

from . import _wrap_early

_wrap_early.start_if_wrapper()  # `pipelens run -- CMD`: CMD starts before the slower imports below

import atexit  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402

from typing import Any, Dict, Mapping, Optional, Sequence

from . import _config, _drift, _ids, _logs, _metrics, _misuse, _process, _trace
from ._exporter import Exporter
from ._ids import SpanContext
from ._metrics import Counter, Gauge, Histogram
from ._process import child_env, patch_subprocess, unpatch_subprocess
from ._trace import Span, current_context, current_span, span, traced
from ._version import VERSION as __version__

__all__ = [
    "span", "traced", "Span", "SpanContext", "current_span", "current_context", "current_trace_id",
    "counter", "gauge", "histogram", "Counter", "Gauge", "Histogram", "log", "logging_handler",
    "log_model_samples", "log_model_rows", "child_env", "subprocess_env", "patch_subprocess",
    "unpatch_subprocess", "baggage", "flush", "shutdown", "stats", "__version__",
]


config = _config.load()
_registry = _metrics.Registry()
_exporter = Exporter(config, _registry.collect)
_trace._remote_parent = _ids.parse_traceparent(os.environ.get("TRACEPARENT"), os.environ.get("TRACESTATE", ""))
_process._baggage.update(_ids.parse_baggage(os.environ.get("BAGGAGE")))
_trace._sink = lambda finished: _exporter.enqueue("traces", finished)
subprocess_env = child_env


def current_trace_id() -> Optional[str]:
    """Trace id (32 hex) that new spans and log records belong to, or None outside any trace."""
    context = current_context()
    return context.trace_id if context else None


def baggage() -> Dict[str, str]:
    """W3C baggage received in BAGGAGE (passed on to child processes); mutate to add entries."""
    return _process._baggage


def counter(name: str, unit: str = "", description: str = "") -> Counter:
    """The monotonic counter `name` (same object on every call): `.add(amount, attributes)`."""
    _exporter.start_background()  # metrics-only scripts export periodically too
    return _registry.get(Counter, name, unit=unit, description=description)


def gauge(name: str, unit: str = "", description: str = "") -> Gauge:
    """The gauge `name`: `.set(value, attributes)` keeps the last value per attribute set."""
    _exporter.start_background()
    return _registry.get(Gauge, name, unit=unit, description=description)


def histogram(name: str, unit: str = "", description: str = "", buckets: Optional[Sequence[float]] = None) -> Histogram:
    """The explicit-bucket histogram `name`: `.record(value, attributes)`; buckets are upper bounds."""
    _exporter.start_background()
    return _registry.get(Histogram, name, unit=unit, description=description, buckets=buckets)


def log(message: Any, severity: str = "INFO", attributes: Optional[Mapping[str, Any]] = None) -> None:
    """One log record with the current trace and span ids."""
    try:
        _exporter.enqueue("logs", _logs.record(message, severity, attributes))
    except ValueError as error:
        _misuse.report(error)


def logging_handler(level: int = logging.INFO) -> logging.Handler:
    """A handler for the standard `logging` module that exports records as OTLP logs."""
    return _logs.LoggingHandler(lambda rec: _exporter.enqueue("logs", rec), level)


def log_model_samples(model: str, version: Any, columns: Any, prediction: Optional[Sequence[Any]] = None,
                      label: Optional[Sequence[Any]] = None, trace_ids: Optional[Sequence[str]] = None,
                      timestamp_ns: Optional[int] = None) -> bool:
    """Sends one batch of model inputs (columns: name -> equally long lists, or a pandas
    DataFrame) with optional predictions and labels to the collector's drift monitor.
    Returns False (and warns, or raises with PIPELENS_STRICT=1) when the input is invalid."""
    try:
        body = _drift.samples_body(model, version, columns, prediction, label, trace_ids, timestamp_ns)
    except ValueError as error:
        _misuse.report(error)
        return False
    _exporter.enqueue("drift", body)
    return True


def log_model_rows(model: str, version: Any, rows: Sequence[Mapping[str, Any]], prediction_key: str = "prediction",
                   label_key: str = "label") -> bool:
    """Row form of log_model_samples: [{"age": 31, "prediction": 0.2, "label": 0}, ...]."""
    try:
        parts = _drift.rows_to_columns(rows, prediction_key, label_key)
    except ValueError as error:
        _misuse.report(error)
        return False
    return log_model_samples(model, version, parts["columns"], parts.get("prediction"), parts.get("label"))


def flush(timeout: Optional[float] = None) -> bool:
    """Exports everything buffered now (at most `timeout` seconds, default PIPELENS_EXIT_TIMEOUT);
    what cannot be sent is spooled. True when nothing is left in memory."""
    return _exporter.flush(timeout)


def shutdown(timeout: Optional[float] = None) -> None:
    """Final flush; later telemetry is still queued but only exported by an explicit flush()."""
    _exporter.shutdown(timeout)


def stats() -> Dict[str, int]:
    """Exporter counters: sent_*, spooled_*, replayed_*, rejected_*, dropped_* per signal."""
    return dict(_exporter.stats)


def _on_uncaught(exc: BaseException) -> None:
    recorded = getattr(exc, "__pipelens_span__", None)
    if recorded is None:
        with span("uncaught " + type(exc).__name__, record_exception=False) as failed:
            failed.record_exception(exc, escaped=True)
            failed.set_status("error", "%s: %s" % (type(exc).__name__, exc))
            recorded = failed.context
    rec = _logs.record("uncaught exception: %s: %s" % (type(exc).__name__, exc), "ERROR",
                       _trace.exception_attributes(exc, escaped=True))
    rec["traceId"], rec["spanId"] = recorded.trace_id, recorded.span_id
    _exporter.enqueue("logs", rec)
    _exporter.flush(config.exit_timeout)


def _after_fork() -> None:
    try:
        _exporter.after_fork()
        config.resource["process.pid"] = os.getpid()
    except Exception:
        pass


_process.install_excepthooks(_on_uncaught)
atexit.register(_exporter.shutdown)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)
if config.patch_subprocess:
    patch_subprocess()
