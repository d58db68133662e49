"""W3C trace-context ids and the environment-variable carrier (TRACEPARENT, TRACESTATE, BAGGAGE)."""

import os
from typing import Dict, NamedTuple, Optional

from . import _w3c


class SpanContext(NamedTuple):
    """Identity of a span: lower-case hex ids, W3C flags (1 = sampled), raw tracestate."""

    trace_id: str
    span_id: str
    flags: int = 1
    trace_state: str = ""
    remote: bool = False

    def traceparent(self) -> str:
        return "00-%s-%s-%02x" % (self.trace_id, self.span_id, self.flags)


def new_trace_id() -> str:
    return _w3c.new_id(16, os.urandom)


def new_span_id() -> str:
    return _w3c.new_id(8, os.urandom)


def parse_traceparent(value: Optional[str], trace_state: str = "") -> Optional[SpanContext]:
    """The remote parent named by a W3C traceparent, or None when absent or malformed.

    Follows the W3C rules: version ff is invalid, all-zero ids are invalid, and a future version
    may carry extra fields after the flags (ignored).
    """
    parsed = _w3c.parse_traceparent(value)
    if parsed is None:
        return None
    trace_id, span_id, flags = parsed
    return SpanContext(trace_id, span_id, flags, trace_state.strip(), True)


def parse_baggage(value: Optional[str]) -> Dict[str, str]:
    """W3C baggage 'k=v;prop,k2=v2' into a dict (values percent-decoded, properties dropped)."""
    result: Dict[str, str] = {}
    if not value:
        return result
    import urllib.parse  # here, not at the top: `pipelens run` loads this module before starting its child
    for member in value.split(","):
        pair = member.split(";", 1)[0]
        if "=" not in pair:
            continue
        key, _, val = pair.partition("=")
        key = key.strip()
        if key:
            result[key] = urllib.parse.unquote(val.strip())
    return result


def format_baggage(baggage: Dict[str, str]) -> str:
    import urllib.parse
    return ",".join(
        "%s=%s" % (k, urllib.parse.quote(str(v), safe="!#$&'*+-.^_`|~:/")) for k, v in baggage.items()
    )
