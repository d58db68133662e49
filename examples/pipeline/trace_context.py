"""Continue a caller's trace from a W3C `traceparent` carried in a request (gRPC metadata, AMQP
headers) in a long-running Python worker: one parent per request, through the client's
`pipelens.span(..., traceparent=...)`.
"""

import contextlib
from typing import Iterator, Mapping, Optional

import pipelens


def header(headers: Optional[Mapping], name: str) -> Optional[str]:
    """A header's value as text, case-insensitive; AMQP may deliver bytes."""
    for key, value in (headers or {}).items():
        if str(key).lower() == name:
            return value.decode() if isinstance(value, (bytes, bytearray)) else str(value)
    return None


@contextlib.contextmanager
def server_span(name: str, traceparent: Optional[str], tracestate: Optional[str] = None,
                kind: str = "server", attributes: Optional[Mapping] = None) -> Iterator[pipelens.Span]:
    """A span whose parent is the caller named by `traceparent` (a new trace when absent/invalid)."""
    with pipelens.span(name, attributes=attributes, kind=kind, traceparent=traceparent,
                       tracestate=tracestate or "") as opened:
        yield opened
