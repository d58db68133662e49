"""Batching exporter: bounded queues, one background daemon thread, spool when unreachable.

Nothing here may raise into the host program: every public method catches everything.
"""

import collections
import logging
import threading
import time
from typing import Any, Callable, Deque, Dict, List, Optional

from . import _http, _otlp
from ._config import Config
from ._spool import Spool

log = logging.getLogger("pipelens")

PATHS = {"traces": "/v1/traces", "metrics": "/v1/metrics", "logs": "/v1/logs", "drift": "/v1/drift/samples"}


class Exporter:
    def __init__(self, config: Config, collect_metrics: Callable[[], List[Dict[str, Any]]]):
        self.config = config
        self._collect_metrics = collect_metrics
        self.spool = Spool(config.spool_dir, config.spool_max_bytes)
        self._queues: Dict[str, Deque[Any]] = {
            kind: collections.deque() for kind in ("traces", "logs", "drift")
        }
        self._lock = threading.Lock()  # guards queues and counters
        self._send_lock = threading.Lock()  # one export cycle at a time
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._down_until = 0.0
        self._failures = 0
        self._warned = set()
        self.stats = collections.Counter()

    # ---- called from user threads -------------------------------------------------------
    def enqueue(self, kind: str, item: Any) -> None:
        try:
            with self._lock:
                queue = self._queues[kind]
                if len(queue) >= self.config.queue_size:
                    queue.popleft()
                    self.stats["dropped_" + kind] += 1
                queue.append(item)
                full = len(queue) >= self.config.batch_size
            self._ensure_thread()
            if full:
                self._wake.set()
        except Exception:
            pass

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Exports everything queued (and a metrics snapshot) within `timeout` seconds; leftovers
        go to the spool. True when nothing is left in memory."""
        try:
            budget = self.config.exit_timeout if timeout is None else max(0.0, timeout)
            deadline = time.monotonic() + budget
            if self._send_lock.acquire(timeout=budget):
                try:
                    self._cycle(deadline, final=True, interrupt=threading.Event())
                finally:
                    self._send_lock.release()
            else:
                self._spool_everything(final=True)
            return not any(self._queues.values())
        except Exception as error:
            log.debug("pipelens: flush failed: %s", error)
            return False

    def shutdown(self, timeout: Optional[float] = None) -> None:
        try:
            self._stop.set()
            self._wake.set()
            self.flush(timeout)
        except Exception:
            pass

    def after_fork(self) -> None:
        """In a forked child: forget the parent's queue and thread (the parent sends those)."""
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = None
        for queue in self._queues.values():
            queue.clear()

    # ---- background thread ------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        if self._thread is not None or self._stop.is_set():
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pipelens-exporter", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        interval = self.config.export_interval
        while not self._stop.is_set():
            try:
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop.is_set():
                    return
                with self._send_lock:
                    self._cycle(time.monotonic() + max(interval, 2 * self.config.timeout), False, self._stop)
            except Exception as error:  # never let the thread die
                log.debug("pipelens: export cycle failed: %s", error)

    def start_background(self) -> None:
        self._ensure_thread()

    # ---- one export cycle ---------------------------------------------------------------------
    def _cycle(self, deadline: float, final: bool, interrupt: threading.Event) -> None:
        self._replay_spool(deadline, interrupt)
        for kind in ("traces", "logs", "drift"):
            while final or time.monotonic() < deadline:  # a busy producer cannot hold the worker forever
                batch = self._take(kind)
                if not batch:
                    break
                self._deliver(kind, self._encode(kind, batch), deadline, interrupt)
        metrics = self._collect_metrics()
        dropped = self._dropped_metric()
        if dropped:
            metrics.append(dropped)
        if metrics and (final or not self._is_down()):
            body = _otlp.metrics_request(self.config.resource, metrics)
            self._deliver("metrics", body, deadline, interrupt, spool=final)

    def _take(self, kind: str) -> List[Any]:
        size = self.config.batch_size if kind != "drift" else 1
        with self._lock:
            queue = self._queues[kind]
            return [queue.popleft() for _ in range(min(size, len(queue)))]

    def _encode(self, kind: str, batch: List[Any]) -> bytes:
        if kind == "traces":
            return _otlp.traces_request(self.config.resource, batch)
        if kind == "logs":
            return _otlp.logs_request(self.config.resource, batch)
        return batch[0]  # drift: one pre-encoded body per call

    def _url(self, kind: str) -> str:
        base = self.config.api_endpoint if kind == "drift" else self.config.endpoint
        return base + PATHS[kind]

    def _is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _deliver(self, kind: str, body: bytes, deadline: float, interrupt: threading.Event, spool: bool = True) -> bool:
        if not self._is_down() and time.monotonic() < deadline - 0.01:  # out of time: spool, not "down"
            outcome, status = _http.send(self._url(kind), body, self.config.token, self.config.timeout,
                                         self.config.max_retries, deadline, interrupt)
            if outcome == _http.OK:
                self._up()
                self.stats["sent_" + kind] += 1
                return True
            if outcome == _http.REJECTED:
                self.stats["rejected_" + kind] += 1
                self._warn_once("rejected%d" % status, "pipelens: collector rejected %s with HTTP %d (%s); dropped%s",
                                kind, status, self._url(kind),
                                " - check PIPELENS_TOKEN" if status in (401, 403) else "")
                return False
            self._down(status)
        if spool:
            self._to_spool(kind, body)
        return False

    def _to_spool(self, kind: str, body: bytes) -> None:
        try:
            if self.spool.put(kind, body):
                self.stats["spooled_" + kind] += 1
                return
        except Exception as error:
            log.debug("pipelens: spool write failed: %s", error)
        self.stats["dropped_" + kind] += 1

    def _down(self, status: int) -> None:
        self._failures += 1
        self._down_until = time.monotonic() + min(30.0, 2.0 ** (self._failures - 1))
        self._warn_once("down", "pipelens: collector at %s unreachable (HTTP %s); spooling to %s",
                        self.config.endpoint, status or "no connection", self.config.spool_dir)

    def _up(self) -> None:
        self._failures = 0
        self._down_until = 0.0

    def _replay_spool(self, deadline: float, interrupt: threading.Event) -> None:
        if self._is_down():
            return
        for name in self.spool.pending():
            if time.monotonic() >= deadline or self._is_down():
                return
            claimed = self.spool.claim(name)
            if claimed is None:
                continue
            path, kind, body = claimed
            outcome, status = _http.send(self._url(kind), body, self.config.token, self.config.timeout,
                                         self.config.max_retries, deadline, interrupt)
            if outcome == _http.TRANSIENT:
                self.spool.release(path)
                self._down(status)
                return
            self.spool.done(path)
            self.stats[("replayed_" if outcome == _http.OK else "rejected_") + kind] += 1

    def _spool_everything(self, final: bool) -> None:
        for kind in ("traces", "logs", "drift"):
            while True:
                batch = self._take(kind)
                if not batch:
                    break
                self._to_spool(kind, self._encode(kind, batch))

    def _dropped_metric(self) -> Optional[Dict[str, Any]]:
        with self._lock:
            dropped = {k[len("dropped_"):]: v for k, v in self.stats.items() if k.startswith("dropped_") and v}
        if not dropped:
            return None
        now = str(time.time_ns())
        points = [{"asInt": str(v), "attributes": _otlp.attributes({"signal": k}), "timeUnixNano": now,
                   "startTimeUnixNano": str(_START_NS)} for k, v in sorted(dropped.items())]
        return {"name": "pipelens.client.dropped", "unit": "{item}",
                "description": "telemetry items the pipelens client dropped (queue full or spool unavailable)",
                "sum": {"aggregationTemporality": 2, "isMonotonic": True, "dataPoints": points}}

    def _warn_once(self, key: str, message: str, *args: Any) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)


_START_NS = time.time_ns()
