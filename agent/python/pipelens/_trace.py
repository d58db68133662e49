"""Spans: context manager and decorator, nesting through contextvars, exceptions as events."""

import contextvars
import functools
import inspect
import time
import traceback
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from . import _ids
from ._ids import SpanContext

KINDS = {"unspecified": 0, "internal": 1, "server": 2, "client": 3, "producer": 4, "consumer": 5}
STATUS = {"unset": 0, "ok": 1, "error": 2}
MAX_EVENTS = 128

_current: "contextvars.ContextVar[Optional[Span]]" = contextvars.ContextVar("pipelens_span", default=None)
_remote_parent: Optional[SpanContext] = None  # from TRACEPARENT at start
_sink: Callable[["Span"], None] = lambda span: None  # set by the exporter


def _code(table: Dict[str, int], value: Any, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value in table.values():
        return value
    key = str(value).lower()
    if key not in table:
        raise ValueError("pipelens: unknown span %s %r; expected one of %s" % (what, value, ", ".join(table)))
    return table[key]


def _type_name(exc_type: type) -> str:
    module = getattr(exc_type, "__module__", "builtins")
    name = getattr(exc_type, "__qualname__", exc_type.__name__)
    return name if module in ("builtins", "__main__") else "%s.%s" % (module, name)


def exception_attributes(exc: BaseException, escaped: bool = False) -> Dict[str, Any]:
    """OpenTelemetry exception semantic conventions; the stacktrace is the full formatted traceback."""
    attrs: Dict[str, Any] = {
        "exception.type": _type_name(type(exc)),
        "exception.message": str(exc),
        "exception.stacktrace": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    }
    if escaped:
        attrs["exception.escaped"] = True
    return attrs


class Span:
    """One unit of work. Not thread-safe for concurrent mutation; ending twice is a no-op."""

    def __init__(self, name: str, parent: Optional[SpanContext], kind: int, attributes: Mapping[str, Any]):
        self.name = str(name)
        self.kind = kind
        self.parent_span_id = parent.span_id if parent else ""
        self.parent_remote = bool(parent and parent.remote)
        trace_id = parent.trace_id if parent else _ids.new_trace_id()
        flags = parent.flags if parent else 1
        state = parent.trace_state if parent else ""
        self.context = SpanContext(trace_id, _ids.new_span_id(), flags, state, False)
        self.attributes: Dict[str, Any] = dict(attributes or {})
        self.events: List[Tuple[int, str, Dict[str, Any]]] = []
        self.dropped_events = 0
        self.status_code = 0
        self.status_message = ""
        self.start_ns = time.time_ns()
        self.end_ns = 0

    @property
    def trace_id(self) -> str:
        return self.context.trace_id

    @property
    def span_id(self) -> str:
        return self.context.span_id

    def set_attribute(self, key: str, value: Any) -> "Span":
        self.attributes[str(key)] = value
        return self

    def set_attributes(self, attributes: Mapping[str, Any]) -> "Span":
        for key, value in attributes.items():
            self.set_attribute(key, value)
        return self

    def add_event(self, name: str, attributes: Optional[Mapping[str, Any]] = None, timestamp_ns: Optional[int] = None) -> "Span":
        if len(self.events) >= MAX_EVENTS:
            self.dropped_events += 1
        else:
            self.events.append((timestamp_ns or time.time_ns(), str(name), dict(attributes or {})))
        return self

    def set_status(self, code: Any, message: str = "") -> "Span":
        """code: 'unset', 'ok' or 'error' (or 0/1/2). OK is final, as in OpenTelemetry."""
        value = _code(STATUS, code, "status")
        if self.status_code != STATUS["ok"]:
            self.status_code = value
            self.status_message = str(message) if value == STATUS["error"] else ""
        return self

    def record_exception(self, exc: BaseException, escaped: bool = False) -> "Span":
        self.add_event("exception", exception_attributes(exc, escaped))
        try:
            exc.__pipelens_span__ = self.context  # type: ignore[attr-defined]
        except Exception:
            pass
        return self

    def end(self) -> None:
        if self.end_ns:
            return
        self.end_ns = max(time.time_ns(), self.start_ns)
        try:
            _sink(self)
        except Exception:
            pass


def current_span() -> Optional[Span]:
    return _current.get()


def current_context() -> Optional[SpanContext]:
    """The context a child (span or process) would continue: the current span, else TRACEPARENT."""
    span = _current.get()
    return span.context if span is not None else _remote_parent


class span:  # noqa: N801 - reads like a keyword at the call site: `with pipelens.span("load"):`
    """A span as `with span("name") as s:` or as a decorator `@span("name")` (new span per call).

    `traceparent=` (and `tracestate=`) continue the trace of an incoming request, e.g. the
    `traceparent` header or gRPC metadata a server handler received.

    An exception leaving the block is recorded as an `exception` event, the status becomes ERROR
    and the exception propagates unchanged.
    """

    def __init__(self, name: Optional[str] = None, attributes: Optional[Mapping[str, Any]] = None,
                 kind: Any = "internal", record_exception: bool = True, traceparent: Optional[str] = None,
                 tracestate: str = ""):
        if callable(name):
            raise TypeError("pipelens: use @pipelens.traced or @pipelens.span(\"name\") to decorate %r"
                            % getattr(name, "__name__", name))
        self._name = name
        self._attributes = dict(attributes or {})
        self._kind = _code(KINDS, kind, "kind")
        self._record = record_exception
        # an incoming request's traceparent (e.g. a served HTTP/gRPC call) continues the caller's
        # trace; missing or malformed: the current span as usual, never an error
        self._remote = _ids.parse_traceparent(traceparent, tracestate or "") if traceparent else None
        self._traceparent = traceparent
        self._tracestate = tracestate
        self._stack: List[Tuple[Span, contextvars.Token]] = []

    def __enter__(self) -> Span:
        opened = Span(self._name or "span", self._remote or current_context(), self._kind, self._attributes)
        self._stack.append((opened, _current.set(opened)))
        return opened

    def __exit__(self, exc_type, exc, tb) -> bool:
        opened, token = self._stack.pop()
        try:
            if exc is not None and self._record:
                opened.record_exception(exc, escaped=True)
                opened.set_status("error", "%s: %s" % (exc_type.__name__, exc))
        finally:
            try:
                _current.reset(token)
            except ValueError:  # exited in another context (e.g. generator); keep going
                _current.set(None)
            opened.end()
        return False

    def __call__(self, func: Callable) -> Callable:
        name = self._name or getattr(func, "__qualname__", getattr(func, "__name__", "function"))
        factory = functools.partial(span, name, self._attributes, self._kind, self._record,
                                    self._traceparent, self._tracestate)
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def async_wrapper(*args, **kwargs):
                with factory():
                    return await func(*args, **kwargs)
            return async_wrapper

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with factory():
                return func(*args, **kwargs)
        return wrapper


def traced(func: Optional[Callable] = None, **options) -> Any:
    """`@traced` or `@traced(name=..., attributes=..., kind=...)`: a span around every call."""
    if func is not None and callable(func):
        return span(**options)(func)
    return span(**options)
