"""A strict OTLP/HTTP JSON + drift-samples receiver on 127.0.0.1 for the client tests.

Every request is decoded and checked with otlp_json; invalid bodies get HTTP 400 and are kept with
their problems so a test can assert there were none. `script(status, retry_after)` makes the next
requests fail the way a busy collector does.
"""

import collections
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, NamedTuple, Optional

import otlp_json

PATHS = ("/v1/traces", "/v1/metrics", "/v1/logs", "/v1/drift/samples")


class Received(NamedTuple):
    path: str
    headers: Dict[str, str]
    body: Any
    problems: List[str]
    status: int
    at: float  # time.monotonic()


class Receiver:
    def __init__(self, port: int = 0):
        self.requests: List[Received] = []
        self._scripted = collections.deque()
        self._cond = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                receiver._handle(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def script(self, status: int, retry_after: Optional[str] = None, times: int = 1) -> None:
        for _ in range(times):
            self._scripted.append((status, retry_after))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length)
        path = request.path
        headers = {k.lower(): v for k, v in request.headers.items()}
        problems: List[str] = []
        body: Any = None
        status = 200
        if path not in PATHS:
            status, problems = 404, ["unknown path " + path]
        else:
            try:
                body = json.loads(raw.decode("utf-8"))
                problems = otlp_json.check_drift(body) if path == "/v1/drift/samples" else otlp_json.check_otlp(path, body)
            except ValueError as error:
                problems = ["not JSON: %s" % error]
            if headers.get("content-type", "").split(";")[0].strip() != "application/json":
                problems.append("Content-Type is %r" % headers.get("content-type"))
            status = 400 if problems else 200
        extra = {}
        if status == 200 and self._scripted:
            status, retry_after = self._scripted.popleft()
            if retry_after is not None:
                extra["Retry-After"] = retry_after
        with self._cond:
            self.requests.append(Received(path, headers, body, problems, status, time.monotonic()))
            self._cond.notify_all()
        payload = b"{}" if status == 200 else json.dumps({"error": problems or "busy"}).encode()
        request.send_response(status)
        for key, value in extra.items():
            request.send_header(key, value)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        request.wfile.write(payload)

    # ---- queries ----------------------------------------------------------------------------
    def await_(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Waits (on a condition variable, no polling sleep) until `condition()` holds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("timed out; received: %s" % [(r.path, r.status) for r in self.requests])
                self._cond.wait(remaining)

    def accepted(self, path: str) -> List[Received]:
        return [r for r in self.requests if r.path == path and r.status == 200]

    def problems(self) -> List[str]:
        return [p for r in self.requests for p in r.problems]

    def spans(self) -> List[Dict[str, Any]]:
        """Accepted spans, each with a `resource` dict of plain attribute values added."""
        out = []
        for r in self.accepted("/v1/traces"):
            for rs in r.body["resourceSpans"]:
                resource = attributes(rs["resource"].get("attributes", []))
                for ss in rs["scopeSpans"]:
                    for span in ss["spans"]:
                        out.append(dict(span, resource=resource))
        return out

    def span(self, name: str) -> Dict[str, Any]:
        found = [s for s in self.spans() if s["name"] == name]
        if len(found) != 1:
            raise AssertionError("expected one span %r, got %d of %s" % (name, len(found), [s["name"] for s in self.spans()]))
        return found[0]

    def metrics(self) -> List[Dict[str, Any]]:
        out = []
        for r in self.accepted("/v1/metrics"):
            for rm in r.body["resourceMetrics"]:
                for sm in rm["scopeMetrics"]:
                    out.extend(sm["metrics"])
        return out

    def logs(self) -> List[Dict[str, Any]]:
        out = []
        for r in self.accepted("/v1/logs"):
            for rl in r.body["resourceLogs"]:
                resource = attributes(rl["resource"].get("attributes", []))
                for sl in rl["scopeLogs"]:
                    out.extend(dict(rec, resource=resource) for rec in sl["logRecords"])
        return out


def plain(value: Dict[str, Any]) -> Any:
    (kind, inner), = value.items() if value else (("empty", None),)
    if kind == "intValue":
        return int(inner)
    if kind == "arrayValue":
        return [plain(v) for v in inner.get("values", [])]
    if kind == "kvlistValue":
        return attributes(inner.get("values", []))
    return inner


def attributes(kvs: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {kv["key"]: plain(kv["value"]) for kv in kvs}
