"""What `pipelens agent` accepts and how it batches: OTLP protobuf/JSON bodies and drift samples.

Batching needs no OTLP schema: an Export*ServiceRequest has one repeated field (resource_spans,
resource_metrics or resource_logs, field 1), so concatenated protobuf encodings of several requests
are the encoding of one request holding all of them (protobuf merges repeated fields on
concatenation), and JSON requests merge by joining that one array. Drift sample bodies are never
merged: the collector takes one batch of samples per request.
"""

import json
from typing import List, NamedTuple, Tuple

PROTOBUF, JSON = "application/x-protobuf", "application/json"
EXTENSIONS = {PROTOBUF: ".pb", JSON: ".json"}
CONTENT_TYPES = {ext: ctype for ctype, ext in EXTENSIONS.items()}
SIGNALS = {"/v1/traces": "traces", "/v1/metrics": "metrics", "/v1/logs": "logs", "/v1/drift/samples": "drift"}
JSON_FIELD = {"traces": "resourceSpans", "metrics": "resourceMetrics", "logs": "resourceLogs"}


class InvalidPayload(ValueError):
    """The body cannot be what its path and Content-Type say; the message names what is wrong."""


class Payload(NamedTuple):
    kind: str  # traces, metrics, logs, drift
    content_type: str  # PROTOBUF or JSON
    body: bytes


def validate(kind: str, content_type: str, body: bytes) -> Payload:
    """The payload, or InvalidPayload. Checks the structure a forwarder relies on, not OTLP semantics
    (the collector does that): a well-formed protobuf message, or a JSON object of the right shape."""
    if content_type == PROTOBUF:
        if kind == "drift":
            raise InvalidPayload("model samples are JSON only (Content-Type: application/json)")
        _check_message(body, depth=2)
        return Payload(kind, content_type, body)
    try:
        document = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, ValueError) as error:
        raise InvalidPayload("body is not valid UTF-8 JSON: %s" % error) from None
    if not isinstance(document, dict):
        raise InvalidPayload("body must be a JSON object, got %s" % type(document).__name__)
    if kind == "drift":
        missing = [key for key in ("model", "version", "columns") if key not in document]
        if missing:
            raise InvalidPayload("model samples need %s" % ", ".join(repr(k) for k in missing))
        if not isinstance(document["columns"], dict):
            raise InvalidPayload("'columns' must be an object of column name -> values")
    else:
        items = document.get(JSON_FIELD[kind], [])
        if not isinstance(items, list):
            raise InvalidPayload("%r must be an array" % JSON_FIELD[kind])
    return Payload(kind, content_type, body)


def is_empty(payload: Payload) -> bool:
    """An export request with nothing in it (OTLP allows them; there is nothing to forward)."""
    if payload.kind == "drift":
        return False
    if payload.content_type == PROTOBUF:
        return not payload.body
    return not json.loads(payload.body.decode("utf-8") or "{}").get(JSON_FIELD[payload.kind])


def merge(bodies: List[bytes], kind: str, content_type: str) -> bytes:
    """One request body holding every request in `bodies` (same kind and content type)."""
    if len(bodies) == 1 or kind == "drift":
        return bodies[0]
    if content_type == PROTOBUF:
        return b"".join(bodies)
    field = JSON_FIELD[kind]
    items: list = []
    for body in bodies:
        items.extend(json.loads(body.decode("utf-8") or "{}").get(field, []))
    return json.dumps({field: items}, separators=(",", ":")).encode("utf-8")


def _varint(data: bytes, pos: int) -> Tuple[int, int]:
    """(value, position after it)."""
    value = shift = 0
    while True:
        if pos >= len(data):
            raise InvalidPayload("protobuf body ends inside a varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise InvalidPayload("protobuf varint longer than 10 bytes")


def _check_message(data: bytes, depth: int) -> None:
    """Walks the protobuf wire format: every tag, length and group boundary must fit the body.
    Length-delimited fields are checked as nested messages `depth` levels down when they parse as
    such (strings and bytes share the wire type, so a failure there is not an error)."""
    pos = 0
    while pos < len(data):
        tag, pos = _varint(data, pos)
        field, wire = tag >> 3, tag & 7
        if field == 0:
            raise InvalidPayload("protobuf field number 0 at byte %d" % pos)
        if wire == 0:
            _, pos = _varint(data, pos)
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise InvalidPayload("protobuf field %d is %d bytes long but only %d remain"
                                     % (field, length, len(data) - pos))
            if depth > 0 and field == 1:  # resource_* entries: messages
                _check_message(data[pos:pos + length], depth - 1)
            pos += length
        else:
            raise InvalidPayload("protobuf wire type %d (field %d) is not used by OTLP" % (wire, field))
        if pos > len(data):
            raise InvalidPayload("protobuf body ends inside field %d" % field)
