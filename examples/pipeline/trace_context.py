"""Continue a caller's trace from a W3C `traceparent` carried in a request (gRPC metadata, AMQP
headers) in a long-running Python worker.

The pipelens Python client continues a trace from the TRACEPARENT environment variable only (one
parent per process). A server handles many requests, each with its own parent, so this helper makes
the request's parent current for the duration of the handler span. It uses the client's context
variable (pipelens._trace._current): see examples/README.md, "Client gaps".
"""

import contextlib
from typing import Iterator, Mapping, Optional

import pipelens
from pipelens import _ids, _trace


class _RemoteParent:
    """Stands in for a span in the client's context variable: only `.context` is read."""

    def __init__(self, context: _ids.SpanContext):
        self.context = context


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
    parent = _ids.parse_traceparent(traceparent, tracestate or "")
    token = _trace._current.set(_RemoteParent(parent) if parent else None)
    try:
        with pipelens.span(name, attributes=attributes, kind=kind) as opened:
            yield opened
    finally:
        _trace._current.reset(token)
