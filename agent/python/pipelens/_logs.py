"""Log records tied to the current span, and a `logging.Handler` that forwards to them."""

import logging
import time
from typing import Any, Callable, Dict, Mapping, Optional

from . import _otlp, _trace

SEVERITY = {"TRACE": 1, "DEBUG": 5, "INFO": 9, "WARN": 13, "WARNING": 13, "ERROR": 17, "FATAL": 21, "CRITICAL": 21}


def record(message: Any, severity: str = "INFO", attributes: Optional[Mapping[str, Any]] = None,
           timestamp_ns: Optional[int] = None) -> Dict[str, Any]:
    """An OTLP LogRecord (JSON) carrying the current span's trace and span ids."""
    text = str(severity).upper()
    if text not in SEVERITY:
        raise ValueError("pipelens: unknown log severity %r; expected one of %s" % (severity, ", ".join(SEVERITY)))
    now = time.time_ns()
    out: Dict[str, Any] = {
        "timeUnixNano": str(timestamp_ns or now),
        "observedTimeUnixNano": str(now),
        "severityNumber": SEVERITY[text],
        "severityText": "WARN" if text == "WARNING" else ("FATAL" if text == "CRITICAL" else text),
        "body": _otlp.any_value(message if isinstance(message, (str, int, float, bool)) else str(message)),
        "attributes": _otlp.attributes(attributes or {}),
    }
    context = _trace.current_context()
    if context is not None:
        out["traceId"] = context.trace_id
        out["spanId"] = context.span_id
        out["flags"] = context.flags & 0xFF
    return out


class LoggingHandler(logging.Handler):
    """Sends Python `logging` records as OTLP log records: `logging.getLogger().addHandler(...)`."""

    def __init__(self, emit: Callable[[Dict[str, Any]], None], level: int = logging.INFO):
        super().__init__(level)
        self._emit = emit

    def emit(self, rec: logging.LogRecord) -> None:
        if rec.name == "pipelens" or rec.name.startswith("pipelens."):
            return  # never feed the exporter's own diagnostics back into it
        try:
            attrs: Dict[str, Any] = {"code.function": rec.funcName, "code.lineno": rec.lineno,
                                     "code.filepath": rec.pathname, "logger.name": rec.name}
            if rec.exc_info and rec.exc_info[1] is not None:
                attrs.update(_trace.exception_attributes(rec.exc_info[1]))
            severity = rec.levelname if rec.levelname in SEVERITY else "INFO"
            self._emit(record(rec.getMessage(), severity, attrs, int(rec.created * 1e9)))
        except Exception:
            pass
