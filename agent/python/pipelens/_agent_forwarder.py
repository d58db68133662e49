"""The forwarding half of `pipelens agent`: memory queue -> batches -> collector, disk when it is down.

One sender thread owns the network. Accepted requests wait in memory (bounded by bytes) for at most
the batch delay, then go to the collector merged into batches. When a send fails for a reason that
may pass (no connection, timeout, 408/429/502/503/504) the batch is written to the agent's spool and
the collector counts as down for a growing pause (or its Retry-After); meanwhile batches go straight
to the spool. After the pause the spool is sent first, oldest file first, then memory again; the
clients' spool is drained the same way. Rejected batches (other 4xx) are split and re-sent per
request, so one bad request does not drop the others; what is still rejected is dropped and counted.
"""

import collections
import logging
import threading
import time
from typing import Deque, Dict, List, Optional, Tuple

from . import _agent_payload as payloads
from . import _http
from ._agent_config import AgentConfig
from ._agent_payload import Payload
from ._spool import Spool, total_bytes

log = logging.getLogger("pipelens.agent")

PATHS = {"traces": "/v1/traces", "metrics": "/v1/metrics", "logs": "/v1/logs", "drift": "/v1/drift/samples"}
_SPOOL_POLL = 1.0  # seconds between looks at the spools while the collector is up


class Forwarder:
    def __init__(self, config: AgentConfig):
        self.config = config
        self.spool = Spool(config.spool_dir, config.spool_max_bytes, extensions=(".pb", ".json"))
        self.client_spool = Spool(config.client_spool_dir, 1 << 62) if config.client_spool_dir else None
        self._queues: Dict[Tuple[str, str], Deque[Tuple[float, bytes]]] = collections.OrderedDict()
        self._queued_bytes = 0
        self._due: Deque[Tuple[str, str, List[bytes]]] = collections.deque()  # taken, not yet handled
        self._cond = threading.Condition()
        self._spool_lock = threading.Lock()  # handlers spool too (memory full): one eviction pass at a time
        self._stopping = False
        self._down_until = 0.0
        self._failures = 0
        self._next_spool_look = 0.0
        self._evictions_reported, self._evictions_reported_at = 0, -10.0  # a WARN at most every 10 s
        self._warned: set = set()
        self._in_flight: Optional[Tuple[str, str, bytes]] = None  # the batch the thread is sending
        self.stats: collections.Counter = collections.Counter()
        self._thread = threading.Thread(target=self._run, name="pipelens-agent-forwarder", daemon=True)

    # ---- called by request handlers ---------------------------------------------------------------
    def offer(self, payload: Payload) -> bool:
        """Takes one accepted request: into memory, or into the spool when memory is full.
        False when neither could take it (the client should retry later: 429)."""
        size = len(payload.body)
        with self._cond:
            if not self._stopping and self._queued_bytes + size <= self.config.queue_bytes:
                key = (payload.kind, payload.content_type)
                self._queues.setdefault(key, collections.deque()).append((time.monotonic(), payload.body))
                self._queued_bytes += size
                self.stats["received_" + payload.kind] += 1
                self._cond.notify()
                return True
        if self._spool_put(payload.kind, payload.content_type, payload.body):
            self.stats["received_" + payload.kind] += 1
            return True
        return False

    def queued_bytes(self) -> int:
        """Requests in memory, waiting or being sent."""
        return self._queued_bytes

    def spooled_bytes(self) -> int:
        return total_bytes(self.spool)

    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    # ---- lifecycle ------------------------------------------------------------------------------
    def start(self) -> "Forwarder":
        self._thread.start()
        return self

    def stop(self, timeout: float) -> None:
        """Forwards what is in memory within `timeout` seconds (if the collector is up), spools the
        rest. Nothing accepted is lost."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        deadline = time.monotonic() + max(0.0, timeout)
        self._thread.join(timeout)
        with self._cond:  # the thread has finished or is stuck in a send: take what is left
            batches = list(self._due) + self._take_all()
            self._due.clear()
            stuck = self._in_flight if self._thread.is_alive() else None
        if stuck is not None:  # its answer would come after we exit: keep it (may arrive twice)
            self._spool_put(*stuck)
        for kind, ctype, bodies in batches:
            try:
                if not self.is_down() and time.monotonic() < deadline:
                    self._send_batch(kind, ctype, bodies, deadline)
                else:
                    self._spool_put(kind, ctype, payloads.merge(bodies, kind, ctype))
            finally:
                self._release(bodies)

    # ---- the sender thread ------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            try:
                with self._cond:
                    if self._stopping:
                        return
                    self._cond.wait(self._wait_time())
                    if self._stopping:
                        return
                    self._due.extend(self._take_due())
                if not self.is_down() and time.monotonic() >= self._next_spool_look:
                    self._drain_spools()
                while True:
                    with self._cond:  # stop() takes over what is still due once it is stopping
                        if self._stopping or not self._due:
                            break
                        kind, ctype, bodies = self._due.popleft()
                    try:
                        if self.is_down():
                            self._spool_put(kind, ctype, payloads.merge(bodies, kind, ctype))
                        else:
                            self._send_batch(kind, ctype, bodies, time.monotonic() + self.config.timeout)
                    finally:
                        self._release(bodies)
            except Exception as error:  # never let the thread die
                log.warning("pipelens agent: forwarding cycle failed: %s", error)

    def _wait_time(self) -> float:
        now = time.monotonic()
        wake = self._down_until if self.is_down() else self._next_spool_look
        oldest = [queue[0][0] for queue in self._queues.values() if queue]
        if oldest:
            wake = min(wake, min(oldest) + self.config.batch_delay)
        if any(self._queue_bytes(q) >= self.config.batch_bytes for q in self._queues.values()):
            wake = now
        return max(0.0, min(wake - now, _SPOOL_POLL))

    @staticmethod
    def _queue_bytes(queue: Deque[Tuple[float, bytes]]) -> int:
        return sum(len(body) for _, body in queue)

    def _take_due(self) -> List[Tuple[str, str, List[bytes]]]:
        """Batches whose oldest request waited the batch delay or that are full (lock held)."""
        now = time.monotonic()
        due = []
        for (kind, ctype), queue in self._queues.items():
            while queue and (now - queue[0][0] >= self.config.batch_delay
                             or self._queue_bytes(queue) >= self.config.batch_bytes):
                due.append((kind, ctype, self._take_batch(kind, queue)))
        return due

    def _take_all(self) -> List[Tuple[str, str, List[bytes]]]:
        batches = []
        for (kind, ctype), queue in self._queues.items():
            while queue:
                batches.append((kind, ctype, self._take_batch(kind, queue)))
        return batches

    def _take_batch(self, kind: str, queue: Deque[Tuple[float, bytes]]) -> List[bytes]:
        bodies: List[bytes] = []
        size = 0
        while queue and (not bodies or (kind != "drift" and size + len(queue[0][1]) <= self.config.batch_bytes)):
            body = queue.popleft()[1]
            bodies.append(body)
            size += len(body)
        return bodies  # still counted in _queued_bytes until _release: memory the agent holds

    def _release(self, bodies: List[bytes]) -> None:
        """A taken batch is forwarded, spooled or dropped: its memory no longer counts."""
        with self._cond:
            self._queued_bytes -= sum(len(body) for body in bodies)

    # ---- sending ------------------------------------------------------------------------------------
    def _url(self, kind: str) -> str:
        return (self.config.api_endpoint if kind == "drift" else self.config.endpoint) + PATHS[kind]

    def _post(self, kind: str, ctype: str, body: bytes, deadline: float) -> Tuple[str, int]:
        remaining = deadline - time.monotonic()
        if remaining <= 0.01:
            return _http.TRANSIENT, 0
        status, retry_after = _http.post(self._url(kind), body, self.config.token, min(self.config.timeout, remaining),
                                         content_type=ctype, user_agent="pipelens-agent")
        if 200 <= status < 300:
            self._up()
            return _http.OK, status
        if status and status not in _http.RETRYABLE:
            return _http.REJECTED, status
        self._down(status, _http.retry_after_seconds(retry_after))
        return _http.TRANSIENT, status

    def _send_batch(self, kind: str, ctype: str, bodies: List[bytes], deadline: float) -> None:
        body = payloads.merge(bodies, kind, ctype)
        self._in_flight = (kind, ctype, body)
        try:
            outcome, status = self._post(kind, ctype, body, deadline)
        finally:
            self._in_flight = None
        if outcome == _http.OK:
            self.stats["forwarded_" + kind] += len(bodies)
        elif outcome == _http.TRANSIENT:
            self._spool_put(kind, ctype, body)
        elif len(bodies) > 1:  # find the bad request(s); the others still go through
            for single in bodies:
                self._send_batch(kind, ctype, [single], deadline + self.config.timeout)
        else:
            self._rejected(kind, status, 1)

    def _drain_spools(self) -> None:
        self._next_spool_look = time.monotonic() + _SPOOL_POLL
        for spool in (self.spool, self.client_spool):
            if spool is None:
                continue
            for name in spool.pending():
                if self.is_down() or self._stopping:
                    return
                claimed = spool.claim(name)
                if claimed is None:
                    continue  # a client replaying the same spool took it
                path, kind, body = claimed
                ctype = payloads.CONTENT_TYPES.get(name[name.rfind("."):], payloads.JSON)
                outcome, status = self._post(kind, ctype, body, time.monotonic() + self.config.timeout)
                if outcome == _http.TRANSIENT:
                    spool.release(path)
                    return
                spool.done(path)
                if outcome == _http.OK:
                    self.stats["replayed_" + kind] += 1
                else:
                    self._rejected(kind, status, 1)

    def _spool_put(self, kind: str, ctype: str, body: bytes) -> bool:
        try:
            with self._spool_lock:
                stored = self.spool.put(kind, body, payloads.EXTENSIONS[ctype])
        except OSError as error:
            log.warning("pipelens agent: cannot write to spool %s: %s", self.spool.directory, error)
            stored = False
        if stored:
            self.stats["spooled_" + kind] += 1
        self._report_evictions()
        return stored

    def _report_evictions(self) -> None:
        now = time.monotonic()
        if self.spool.evicted > self._evictions_reported and now >= self._evictions_reported_at + 10:
            log.warning("pipelens agent: spool %s is over %d bytes: dropped the %d oldest files (%d bytes) so far",
                        self.spool.directory, self.spool.max_bytes, self.spool.evicted, self.spool.evicted_bytes)
            self._evictions_reported, self._evictions_reported_at = self.spool.evicted, now

    def _rejected(self, kind: str, status: int, count: int) -> None:
        self.stats["rejected_" + kind] += count
        if (kind, status) not in self._warned:  # once per signal and status: a bad token would flood
            self._warned.add((kind, status))
            log.warning("pipelens agent: collector rejected %s with HTTP %d (%s); dropped%s", kind, status,
                        self._url(kind), " - check PIPELENS_TOKEN" if status in (401, 403) else "")

    def _down(self, status: int, retry_after: Optional[float]) -> None:
        self._failures += 1
        pause = min(self.config.max_backoff, 0.25 * 2 ** (self._failures - 1))
        if retry_after is not None:
            pause = min(max(pause, retry_after), 30.0)
        if self._failures == 1:
            log.warning("pipelens agent: collector at %s unreachable (%s); spooling to %s until it is back",
                        self.config.endpoint, "HTTP %d" % status if status else "no connection", self.spool.directory)
        self._down_until = time.monotonic() + pause

    def _up(self) -> None:
        if self._failures:
            log.warning("pipelens agent: collector at %s is back; sending the spool", self.config.endpoint)
            self._next_spool_look = 0.0
        self._failures = 0
        self._down_until = 0.0
