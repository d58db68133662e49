"""OTLP/HTTP JSON encoding (protobuf JSON mapping): hex ids, integer enums, int64 as strings."""

import base64
import json
import math
from typing import Any, Dict, Iterable, List, Mapping

from ._version import VERSION

SCOPE = {"name": "pipelens", "version": VERSION}
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def double(value: float) -> Any:
    """A JSON double; NaN and infinities become the strings the protobuf JSON mapping uses."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def any_value(value: Any) -> Dict[str, Any]:
    """A Python value as an OTLP AnyValue; unknown types are sent as their str()."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        if _INT64_MIN <= value <= _INT64_MAX:
            return {"intValue": str(value)}
        return {"stringValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": double(value)}
    if isinstance(value, str):
        return {"stringValue": value}
    if isinstance(value, (bytes, bytearray)):
        return {"bytesValue": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Mapping):
        return {"kvlistValue": {"values": attributes(value)}}
    if isinstance(value, (list, tuple)):
        return {"arrayValue": {"values": [any_value(v) for v in value]}}
    if value is None:
        return {}
    try:  # numpy scalars and similar
        if hasattr(value, "item"):
            return any_value(value.item())
    except Exception:
        pass
    return {"stringValue": str(value)}


def attributes(attrs: Mapping[str, Any]) -> List[Dict[str, Any]]:
    return [{"key": str(k), "value": any_value(v)} for k, v in attrs.items()]


def _resource(resource: Mapping[str, Any]) -> Dict[str, Any]:
    return {"attributes": attributes(resource)}


def span_json(span) -> Dict[str, Any]:
    out: Dict[str, Any] = {
        "traceId": span.context.trace_id,
        "spanId": span.context.span_id,
        "name": span.name,
        "kind": span.kind,
        "startTimeUnixNano": str(span.start_ns),
        "endTimeUnixNano": str(span.end_ns),
        "attributes": attributes(span.attributes),
        "events": [
            {"timeUnixNano": str(ts), "name": name, "attributes": attributes(attrs)}
            for ts, name, attrs in span.events
        ],
        "status": {"code": span.status_code},
        "flags": 0x100 | (span.context.flags & 0xFF) | (0x200 if span.parent_remote else 0),
    }
    if span.parent_span_id:
        out["parentSpanId"] = span.parent_span_id
    if span.context.trace_state:
        out["traceState"] = span.context.trace_state
    if span.status_message:
        out["status"]["message"] = span.status_message
    if span.dropped_events:
        out["droppedEventsCount"] = span.dropped_events
    return out


def traces_request(resource: Mapping[str, Any], spans: Iterable) -> bytes:
    body = {
        "resourceSpans": [
            {"resource": _resource(resource), "scopeSpans": [{"scope": SCOPE, "spans": [span_json(s) for s in spans]}]}
        ]
    }
    return dumps(body)


def logs_request(resource: Mapping[str, Any], records: Iterable[Dict[str, Any]]) -> bytes:
    body = {
        "resourceLogs": [
            {"resource": _resource(resource), "scopeLogs": [{"scope": SCOPE, "logRecords": list(records)}]}
        ]
    }
    return dumps(body)


def metrics_request(resource: Mapping[str, Any], metrics: List[Dict[str, Any]]) -> bytes:
    body = {"resourceMetrics": [{"resource": _resource(resource), "scopeMetrics": [{"scope": SCOPE, "metrics": metrics}]}]}
    return dumps(body)


def dumps(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode("utf-8")
