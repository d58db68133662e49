"""Passes a child's stdout/stderr through byte for byte and hands every line to a callback.

One thread per stream reads whatever the child wrote (os.read, no buffering on our side) and
writes it to our own descriptor straight away, so output order and timing stay as close to the
child's as pipes allow. Lines are split for capture only; a line longer than MAX_LINE_BYTES is
handed over in pieces so memory stays bounded. If our own output is closed (`... | head`), the
pipe from the child is closed too and the child gets SIGPIPE, as it would have without us.
"""

import errno
import os
import threading
from typing import Callable, Optional

MAX_LINE_BYTES = 16 * 1024
_CHUNK = 64 * 1024


class Pump:
    def __init__(self, source_fd: int, target_fd: int, on_line: Callable[[bytes], None], name: str):
        self._source = source_fd
        self._target: Optional[int] = target_fd
        self._on_line = on_line
        self._partial = b""
        self._thread = threading.Thread(target=self._run, name="pipelens-" + name, daemon=True)

    def start(self) -> "Pump":
        self._thread.start()
        return self

    def join(self, timeout: Optional[float]) -> bool:
        """True when the stream reached EOF (every writer, grandchildren too, closed it)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            while True:
                try:
                    data = os.read(self._source, _CHUNK)
                except InterruptedError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                if not self._write(data):
                    break
                self._split(data)
        finally:
            if self._partial:
                self._deliver(self._partial)
                self._partial = b""
            try:
                os.close(self._source)
            except OSError:
                pass

    def _write(self, data: bytes) -> bool:
        if self._target is None:
            return True
        view = memoryview(data)
        while view:
            try:
                written = os.write(self._target, view)
            except InterruptedError:
                continue
            except OSError as error:
                if error.errno in (errno.EPIPE, errno.EBADF):
                    return False  # reader gone: close our end so the child sees SIGPIPE
                self._target = None  # e.g. disk full on a redirected file: keep draining the child
                return True
            view = view[written:]
        return True

    def _split(self, data: bytes) -> None:
        buffer = self._partial + data
        start = 0
        while True:
            end = buffer.find(b"\n", start)
            if end < 0:
                break
            self._deliver(buffer[start:end + 1])
            start = end + 1
        rest = buffer[start:]
        while len(rest) > MAX_LINE_BYTES:
            self._deliver(rest[:MAX_LINE_BYTES])
            rest = rest[MAX_LINE_BYTES:]
        self._partial = rest

    def _deliver(self, line: bytes) -> None:
        try:
            self._on_line(line)
        except Exception:
            pass
