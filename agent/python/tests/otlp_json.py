"""Strict checker for OTLP/HTTP JSON request bodies (protobuf JSON mapping) and the drift
samples body. Returns a list of problems, each naming the JSON path; empty means valid.

Strict where a client can go wrong: unknown or snake_case field names, ids that are not hex of
the right length, enums that are not integers in range, 64-bit integers not sent as decimal
strings, AnyValue with zero or several variants.
"""

import re
from typing import Any, Callable, Dict, List

_HEX = re.compile(r"^[0-9a-fA-F]*$")
_U64 = re.compile(r"^[0-9]{1,20}$")
_I64 = re.compile(r"^-?[0-9]{1,19}$")


class Problems(list):
    def add(self, path: str, message: str) -> None:
        self.append("%s: %s" % (path, message))


def _fields(obj: Any, path: str, allowed: Dict[str, Callable], required: List[str], out: Problems) -> None:
    if not isinstance(obj, dict):
        out.add(path, "expected an object, got %s" % type(obj).__name__)
        return
    for key, value in obj.items():
        check = allowed.get(key)
        if check is None:
            out.add(path + "." + key, "unknown field")
        else:
            check(value, path + "." + key, out)
    for key in required:
        if key not in obj:
            out.add(path + "." + key, "missing")


def _list(item: Callable) -> Callable:
    def check(value, path, out):
        if not isinstance(value, list):
            out.add(path, "expected an array")
            return
        for i, element in enumerate(value):
            item(element, "%s[%d]" % (path, i), out)
    return check


def _string(value, path, out):
    if not isinstance(value, str):
        out.add(path, "expected a string, got %r" % (value,))


def _hex(length: int) -> Callable:
    def check(value, path, out):
        if not isinstance(value, str) or len(value) != length or not _HEX.match(value):
            out.add(path, "expected %d hex characters, got %r" % (length, value))
        elif set(value) == {"0"}:
            out.add(path, "all-zero id is invalid")
    return check


def _optional_hex(length: int) -> Callable:
    def check(value, path, out):
        if value != "":
            _hex(length)(value, path, out)
    return check


def _uint64(value, path, out):
    if not isinstance(value, str) or not _U64.match(value):
        out.add(path, "expected a uint64 as a decimal string, got %r" % (value,))


def _int64(value, path, out):
    if not isinstance(value, str) or not _I64.match(value):
        out.add(path, "expected an int64 as a decimal string, got %r" % (value,))


def _enum(low: int, high: int) -> Callable:
    def check(value, path, out):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            out.add(path, "expected an integer enum in [%d, %d], got %r" % (low, high, value))
    return check


def _uint32(value, path, out):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        out.add(path, "expected a uint32 number, got %r" % (value,))


def _double(value, path, out):
    if isinstance(value, bool) or not (isinstance(value, (int, float)) or value in ("NaN", "Infinity", "-Infinity")):
        out.add(path, "expected a double, got %r" % (value,))


def _bool(value, path, out):
    if not isinstance(value, bool):
        out.add(path, "expected a boolean, got %r" % (value,))


def _bytes(value, path, out):
    if not isinstance(value, str) or not re.match(r"^[A-Za-z0-9+/=_-]*$", value):
        out.add(path, "expected base64, got %r" % (value,))


def any_value(value, path, out):
    variants = {
        "stringValue": _string, "boolValue": _bool, "intValue": _int64, "doubleValue": _double,
        "bytesValue": _bytes,
        "arrayValue": lambda v, p, o: _fields(v, p, {"values": _list(any_value)}, [], o),
        "kvlistValue": lambda v, p, o: _fields(v, p, {"values": _list(key_value)}, [], o),
    }
    _fields(value, path, variants, [], out)
    if isinstance(value, dict) and len(value) > 1:
        out.add(path, "AnyValue must hold one variant, got %s" % sorted(value))


def key_value(value, path, out):
    _fields(value, path, {"key": _string, "value": any_value}, ["key", "value"], out)


_attributes = _list(key_value)
_resource = lambda v, p, o: _fields(v, p, {"attributes": _attributes, "droppedAttributesCount": _uint32}, [], o)
_scope = lambda v, p, o: _fields(v, p, {"name": _string, "version": _string, "attributes": _attributes,
                                        "droppedAttributesCount": _uint32}, [], o)

_event = lambda v, p, o: _fields(v, p, {"timeUnixNano": _uint64, "name": _string, "attributes": _attributes,
                                        "droppedAttributesCount": _uint32}, ["timeUnixNano", "name"], o)
_link = lambda v, p, o: _fields(v, p, {"traceId": _hex(32), "spanId": _hex(16), "traceState": _string,
                                       "attributes": _attributes, "droppedAttributesCount": _uint32,
                                       "flags": _uint32}, ["traceId", "spanId"], o)
_status = lambda v, p, o: _fields(v, p, {"message": _string, "code": _enum(0, 2)}, [], o)
_span = lambda v, p, o: _fields(v, p, {
    "traceId": _hex(32), "spanId": _hex(16), "traceState": _string, "parentSpanId": _optional_hex(16),
    "flags": _uint32, "name": _string, "kind": _enum(0, 5), "startTimeUnixNano": _uint64,
    "endTimeUnixNano": _uint64, "attributes": _attributes, "droppedAttributesCount": _uint32,
    "events": _list(_event), "droppedEventsCount": _uint32, "links": _list(_link),
    "droppedLinksCount": _uint32, "status": _status,
}, ["traceId", "spanId", "name", "startTimeUnixNano", "endTimeUnixNano"], o)


def _resource_list(scope_key: str, items_key: str, item: Callable) -> Callable:
    scope_entry = lambda v, p, o: _fields(v, p, {"scope": _scope, items_key: _list(item), "schemaUrl": _string}, [], o)
    return _list(lambda v, p, o: _fields(v, p, {"resource": _resource, scope_key: _list(scope_entry),
                                                 "schemaUrl": _string}, [], o))


def _number_point(v, p, o):
    _fields(v, p, {"attributes": _attributes, "startTimeUnixNano": _uint64, "timeUnixNano": _uint64,
                   "asDouble": _double, "asInt": _int64, "exemplars": _list(lambda *a: None), "flags": _uint32},
            ["timeUnixNano"], o)
    if isinstance(v, dict) and ("asDouble" in v) == ("asInt" in v):
        o.add(p, "a number point needs exactly one of asDouble/asInt")


def _histogram_point(v, p, o):
    _fields(v, p, {"attributes": _attributes, "startTimeUnixNano": _uint64, "timeUnixNano": _uint64,
                   "count": _uint64, "sum": _double, "bucketCounts": _list(_uint64),
                   "explicitBounds": _list(_double), "exemplars": _list(lambda *a: None), "flags": _uint32,
                   "min": _double, "max": _double}, ["timeUnixNano", "count"], o)
    if isinstance(v, dict) and "bucketCounts" in v:
        if len(v["bucketCounts"]) != len(v.get("explicitBounds", [])) + 1:
            o.add(p, "bucketCounts needs len(explicitBounds)+1 entries")
        elif all(isinstance(c, str) and c.isdigit() for c in v["bucketCounts"]) and \
                sum(int(c) for c in v["bucketCounts"]) != int(v["count"]):
            o.add(p, "bucketCounts do not add up to count")


_temporality = _enum(0, 2)
_loose = lambda v, p, o: None  # exponential histograms and summaries: not produced by pipelens clients
_metric = lambda v, p, o: _fields(v, p, {
    "name": _string, "description": _string, "unit": _string, "metadata": _attributes,
    "gauge": lambda g, gp, go: _fields(g, gp, {"dataPoints": _list(_number_point)}, ["dataPoints"], go),
    "sum": lambda s, sp, so: _fields(s, sp, {"dataPoints": _list(_number_point), "aggregationTemporality": _temporality,
                                           "isMonotonic": _bool}, ["dataPoints", "aggregationTemporality"], so),
    "histogram": lambda h, hp, ho: _fields(h, hp, {"dataPoints": _list(_histogram_point),
                                                 "aggregationTemporality": _temporality},
                                          ["dataPoints", "aggregationTemporality"], ho),
    "exponentialHistogram": _loose, "summary": _loose,
}, ["name"], o)

_log_record = lambda v, p, o: _fields(v, p, {
    "timeUnixNano": _uint64, "observedTimeUnixNano": _uint64, "severityNumber": _enum(0, 24),
    "severityText": _string, "body": any_value, "attributes": _attributes, "droppedAttributesCount": _uint32,
    "flags": _uint32, "traceId": _optional_hex(32), "spanId": _optional_hex(16), "eventName": _string,
}, [], o)

_REQUESTS = {
    "/v1/traces": ("resourceSpans", _resource_list("scopeSpans", "spans", _span)),
    "/v1/metrics": ("resourceMetrics", _resource_list("scopeMetrics", "metrics", _metric)),
    "/v1/logs": ("resourceLogs", _resource_list("scopeLogs", "logRecords", _log_record)),
}


def check_otlp(path: str, body: Any) -> List[str]:
    key, check = _REQUESTS[path]
    out = Problems()
    _fields(body, "$", {key: check}, [key], out)
    return out


def _sample(value, path, out):
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float, str))):
        out.add(path, "expected a number, string or null, got %r" % (value,))


def check_drift(body: Any) -> List[str]:
    """The drift samples wire format shared with the drift monitor (see docs/clients.md)."""
    out = Problems()
    columns = _list(_sample)
    _fields(body, "$", {
        "model": _string, "version": _string, "timestamp_unix_nano": _uint64, "trace_id": _hex(32),
        "columns": lambda v, p, o: [columns(c, "%s.%s" % (p, k), o) for k, c in v.items()] if isinstance(v, dict)
        else o.add(p, "expected an object of columns"),
        "prediction": columns, "label": columns, "trace_ids": _list(_hex(32)), "batch_id": _string,
    }, ["model", "version", "columns"], out)
    if out or not isinstance(body, dict):
        return out
    if not body["model"] or not body["columns"]:
        out.add("$", "model and columns must be non-empty")
    lengths = {k: len(v) for k, v in body["columns"].items()}
    lengths.update({k: len(body[k]) for k in ("prediction", "label", "trace_ids") if k in body})
    if len(set(lengths.values())) != 1:
        out.add("$", "arrays differ in length: %s" % lengths)
    return out
