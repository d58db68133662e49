"""The listening half of `pipelens agent`: OTLP/HTTP (protobuf and JSON) and model samples.

Answers as the OTLP/HTTP specification says: 200 with an empty Export*ServiceResponse once the
request is queued (in memory, or on disk while the collector is down); 400 for a body that cannot
be what it claims, 413 beyond --max-body-bytes, 415 for other media types or encodings, 429 with
Retry-After when neither memory nor spool can take the request, 503 while shutting down; errors
carry a google.rpc.Status in the request's encoding. GET /metrics (Prometheus text) and
GET /health describe the agent itself.
"""

import http.server
import json
import logging
import socket
import threading
import zlib
from typing import Optional, Tuple

from . import _agent_payload as payloads
from ._agent_forwarder import Forwarder

log = logging.getLogger("pipelens.agent")

_RPC_CODES = {400: 3, 404: 5, 405: 12, 411: 3, 413: 8, 415: 12, 429: 8, 503: 14}  # google.rpc.Code
_RETRY_AFTER_SECONDS = 1


class AgentServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: Tuple[str, int], forwarder: Forwarder, max_body_bytes: int):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.forwarder = forwarder
        self.max_body_bytes = max_body_bytes
        self.closing = threading.Event()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: exporters reuse their connection
    server: AgentServer
    server_version = "pipelens-agent"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        log.debug("%s " + format, self.client_address[0], *args)

    # ---- routes ---------------------------------------------------------------------------------
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/health":
            self._reply(200, b"ok\n", "text/plain")
        elif path == "/metrics":
            self._reply(200, _metrics(self.server.forwarder).encode(), "text/plain; version=0.0.4")
        else:
            self._error(404, "no such resource: GET %s (the agent answers POST /v1/traces, /v1/metrics, /v1/logs, "
                        "/v1/drift/samples and GET /metrics, /health)" % path, payloads.JSON)

    def do_POST(self):
        kind = payloads.SIGNALS.get(self.path.split("?", 1)[0])
        media = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        answer_type = payloads.PROTOBUF if media == payloads.PROTOBUF else payloads.JSON
        body = self._read_body(answer_type)
        if body is None:
            return
        if kind is None:
            self._error(404, "no such OTLP path: POST %s" % self.path, answer_type)
            return
        if media not in (payloads.PROTOBUF, payloads.JSON):
            self._error(415, "Content-Type %r is not supported: use application/x-protobuf or application/json"
                        % (self.headers.get("Content-Type") or ""), answer_type)
            return
        if self.server.closing.is_set():
            self._error(503, "the agent is shutting down", answer_type, retry=True)
            return
        try:
            payload = payloads.validate(kind, media, body)
        except payloads.InvalidPayload as error:
            self._error(400, "%s %s: %s" % (self.path, media, error), answer_type)
            return
        if not payloads.is_empty(payload) and not self.server.forwarder.offer(payload):
            self._error(429, "the agent's memory queue and spool are full", answer_type, retry=True)
            return
        self._reply(200, b"" if media == payloads.PROTOBUF else b"{}", media)

    def do_PUT(self):
        self._not_allowed()

    do_DELETE = do_PATCH = do_PUT

    # ---- plumbing -------------------------------------------------------------------------------
    def _not_allowed(self):
        self._error(405, "method %s not allowed: POST telemetry, GET /metrics or /health" % self.command,
                    payloads.JSON, extra={"Allow": "GET, POST"})

    def _read_body(self, answer_type: str) -> Optional[bytes]:
        """The decoded body, or None after answering the error."""
        limit = self.server.max_body_bytes
        encoding = (self.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip"):
            self.close_connection = True
            self._error(415, "Content-Encoding %r is not supported: use gzip or none" % encoding, answer_type)
            return None
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raw = self._read_chunked(limit if encoding == "identity" else limit * 16)
        else:
            length = self.headers.get("Content-Length")
            if length is None or not length.strip().isdigit():
                self.close_connection = True
                self._error(411, "Content-Length (or chunked transfer encoding) is required", answer_type)
                return None
            size = int(length)
            if size > (limit if encoding == "identity" else limit * 16):
                self.close_connection = True  # do not read what we refuse; the connection is not reusable
                self._error(413, "request body of %d bytes is larger than %d bytes (--max-body-bytes)"
                            % (size, limit), answer_type)
                return None
            raw = self.rfile.read(size)
        if raw is None:
            self.close_connection = True
            self._error(413, "request body is larger than %d bytes (--max-body-bytes)" % limit, answer_type)
            return None
        if encoding == "identity":
            return raw
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = decoder.decompress(raw, limit + 1)
        except zlib.error as error:
            self._error(400, "body is not valid gzip: %s" % error, answer_type)
            return None
        if len(body) > limit or decoder.unconsumed_tail:
            self._error(413, "decompressed body is larger than %d bytes (--max-body-bytes)" % limit, answer_type)
            return None
        return body

    def _read_chunked(self, limit: int) -> Optional[bytes]:
        parts, total = [], 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            size = int(line or b"0", 16)
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(parts)
            total += size
            if total > limit:
                return None
            parts.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _error(self, status: int, message: str, answer_type: str, retry: bool = False, extra=None) -> None:
        code = _RPC_CODES.get(status, 2)
        if answer_type == payloads.PROTOBUF:
            body = _status_protobuf(code, message)
        else:
            body = json.dumps({"code": code, "message": message}).encode("utf-8")
        headers = dict(extra or {})
        if retry:
            headers["Retry-After"] = str(_RETRY_AFTER_SECONDS)
        self._reply(status, body, answer_type, headers)

    def _reply(self, status: int, body: bytes, content_type: str, headers=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


def _status_protobuf(code: int, message: str) -> bytes:
    """google.rpc.Status{code=1, message=2}."""
    text = message.encode("utf-8")
    return b"\x08" + _varint(code) + b"\x12" + _varint(len(text)) + text


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _metrics(forwarder: Forwarder) -> str:
    stats = dict(forwarder.stats)
    lines = []
    for name, help_text in (("received", "requests accepted from applications"),
                            ("forwarded", "requests delivered to the collector"),
                            ("spooled", "batches written to the spool while the collector was down"),
                            ("replayed", "spool files delivered to the collector"),
                            ("rejected", "requests the collector refused (dropped)")):
        metric = "pipelens_agent_%s_total" % name
        lines += ["# HELP %s %s" % (metric, help_text), "# TYPE %s counter" % metric]
        for kind in ("traces", "metrics", "logs", "drift"):
            lines.append('%s{signal="%s"} %d' % (metric, kind, stats.get("%s_%s" % (name, kind), 0)))
    spool = forwarder.spool
    for metric, kind, value, help_text in (
            ("pipelens_agent_spool_dropped_files_total", "counter", spool.evicted,
             "oldest spool files deleted to stay within --spool-max-bytes"),
            ("pipelens_agent_spool_dropped_bytes_total", "counter", spool.evicted_bytes,
             "bytes of those files"),
            ("pipelens_agent_spool_bytes", "gauge", forwarder.spooled_bytes(), "bytes waiting in the spool"),
            ("pipelens_agent_queue_bytes", "gauge", forwarder.queued_bytes(), "bytes waiting in memory"),
            ("pipelens_agent_collector_up", "gauge", 0 if forwarder.is_down() else 1,
             "0 while the collector counts as unreachable")):
        lines += ["# HELP %s %s" % (metric, help_text), "# TYPE %s %s" % (metric, kind), "%s %d" % (metric, value)]
    return "\n".join(lines) + "\n"
