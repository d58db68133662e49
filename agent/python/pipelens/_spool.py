"""Disk spool for payloads the collector could not take; shared file format with the R client.

One payload per file, named `<unix-ns>-<pid>-<seq>.<kind>.json` (kind: traces, metrics, logs,
drift) holding the exact request body, so files sort oldest first. A process claims a file by
renaming it (atomic), so two processes replaying the same spool never send a payload twice.
"""

import os
import threading
import time
from typing import List, Optional, Tuple

KINDS = ("traces", "metrics", "logs", "drift")
_CLAIM = ".sending-"
_STALE_CLAIM_SECONDS = 120


class Spool:
    """`extensions`: the body formats this spool holds (the clients: `.json` only; `pipelens agent`
    also `.pb` for OTLP protobuf), so a client never picks up a body it could not send."""

    def __init__(self, directory: str, max_bytes: int, extensions: Tuple[str, ...] = (".json",)):
        self.directory = directory
        self.max_bytes = max_bytes
        self.extensions = extensions
        self._seq = 0
        self._lock = threading.Lock()
        self.evicted = 0
        self.evicted_bytes = 0

    def put(self, kind: str, body: bytes, extension: str = ".json") -> bool:
        """Stores one payload; evicts the oldest files beyond max_bytes. False when it could not write."""
        if self.max_bytes <= 0 or len(body) > self.max_bytes:
            return False
        with self._lock:
            self._seq += 1
            name = "%020d-%d-%d.%s%s" % (time.time_ns(), os.getpid(), self._seq, kind, extension)
        os.makedirs(self.directory, mode=0o700, exist_ok=True)  # payloads may hold sensitive data
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as handle:
            handle.write(body)
        os.replace(tmp, os.path.join(self.directory, name))
        self._enforce_limit()
        return True

    def pending(self) -> List[str]:
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        self._recover_stale_claims(names)
        return sorted(n for n in names if n.endswith(self.extensions) and not n.startswith(".") and _kind(n))

    def claim(self, name: str) -> Optional[Tuple[str, str, bytes]]:
        """(claimed path, kind, body), or None when another process took it first."""
        source = os.path.join(self.directory, name)
        claimed = os.path.join(self.directory, "%s%s%d" % (name, _CLAIM, os.getpid()))
        try:
            os.rename(source, claimed)
            with open(claimed, "rb") as handle:
                return claimed, _kind(name) or "", handle.read()
        except OSError:
            return None

    def done(self, claimed: str) -> None:
        try:
            os.remove(claimed)
        except OSError:
            pass

    def release(self, claimed: str) -> None:
        try:
            os.rename(claimed, claimed.split(_CLAIM)[0])
        except OSError:
            pass

    def _recover_stale_claims(self, names: List[str]) -> None:
        now = time.time()
        for name in names:
            if _CLAIM not in name:
                continue
            path = os.path.join(self.directory, name)
            try:
                if now - os.path.getmtime(path) > _STALE_CLAIM_SECONDS:
                    os.rename(path, os.path.join(self.directory, name.split(_CLAIM)[0]))
            except OSError:
                pass

    def _enforce_limit(self) -> None:
        files = []
        for name in self.pending():
            try:
                files.append((name, os.path.getsize(os.path.join(self.directory, name))))
            except OSError:
                pass
        total = sum(size for _, size in files)
        for name, size in files:
            if total <= self.max_bytes:
                break
            try:
                os.remove(os.path.join(self.directory, name))
                self.evicted += 1
                self.evicted_bytes += size
            except OSError:
                pass
            total -= size


def _kind(name: str) -> Optional[str]:
    parts = name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in KINDS else None


def total_bytes(spool: Spool) -> int:
    """Bytes the spool holds now: files waiting to be sent, and those being sent (claimed)."""
    total = 0
    try:
        names = [n for n in os.listdir(spool.directory) if not n.startswith(".")
                 and n.split(_CLAIM)[0].endswith(spool.extensions) and _kind(n.split(_CLAIM)[0])]
    except OSError:
        return 0
    for name in names:
        try:
            total += os.path.getsize(os.path.join(spool.directory, name))
        except OSError:
            pass
    return total
