"""Recognises Python tracebacks and R errors in a child's stderr, line by line, in bounded memory.

Feed every stderr line (without its newline) to `ErrorScanner.feed`, then call `finish()` at EOF.
Each recognised error is handed to `on_error(attributes)` with OpenTelemetry exception semantic
conventions: exception.type, exception.message, exception.stacktrace (the text as printed).

Python: "Traceback (most recent call last):", indented frames, then "Type: message"; chained
exceptions ("During handling of the above exception ..." / "The above exception was the direct
cause ...") stay one error, reported with the last exception's type and message.
R: "Error in CALL : message" or "Error: message", optional continuation lines, "Calls: ...",
and only reported once "Execution halted" confirms it (other programs print "Error: ..." too).
"""

import collections
import re
from typing import Any, Callable, Deque, Dict, List, Optional

MAX_BLOCK_LINES = 400  # first line + the last lines of a longer block are kept
MAX_LINE_CHARS = 4096
_PY_START = "Traceback (most recent call last):"
_PY_CHAIN = ("During handling of the above exception, another exception occurred:",
             "The above exception was the direct cause of the following exception:")
_PY_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*)(?:: ?(.*))?$", re.S)
_R_START = re.compile(r"^(?:Error in (.*?) ?: ?(.*)|Error: (.*))$")
R_TYPE = "RError"


class _Block:
    def __init__(self, first: str):
        self.first = first
        self.tail: Deque[str] = collections.deque(maxlen=MAX_BLOCK_LINES - 1)
        self.omitted = 0

    def add(self, line: str) -> None:
        if len(self.tail) == self.tail.maxlen:
            self.omitted += 1
        self.tail.append(line)

    def text(self) -> str:
        lines = [self.first]
        if self.omitted:
            lines.append("... %d lines omitted ..." % self.omitted)
        lines.extend(self.tail)
        return "\n".join(lines)


class ErrorScanner:
    def __init__(self, on_error: Callable[[Dict[str, Any]], None]):
        self._on_error = on_error
        self._state = "idle"  # idle | py_frames | py_after | r_message | r_after
        self._block: Optional[_Block] = None
        self._type = ""
        self._message = ""
        self._pending_blank: List[str] = []

    def feed(self, line: str) -> None:
        line = line[:MAX_LINE_CHARS].rstrip("\r")
        handler = getattr(self, "_" + self._state)
        handler(line)

    def finish(self) -> None:
        if self._state == "py_after":
            self._emit()
        self._reset()

    # ---- states -------------------------------------------------------------------------------
    def _idle(self, line: str) -> None:
        if line == _PY_START:
            self._block = _Block(line)
            self._state = "py_frames"
            return
        match = _R_START.match(line)
        if match:
            self._block = _Block(line)
            self._type = R_TYPE
            self._message = (match.group(2) if match.group(3) is None else match.group(3)).strip()
            self._state = "r_message"

    def _py_frames(self, line: str) -> None:
        assert self._block is not None
        self._block.add(line)
        if line.startswith((" ", "\t")) or line == "":
            return
        match = _PY_EXCEPTION.match(line)
        if match:
            self._type, self._message = match.group(1), match.group(2) or ""
            self._pending_blank = []
            self._state = "py_after"
        else:  # not a traceback after all (or garbled): forget it
            self._reset()
            self._idle(line)

    def _py_after(self, line: str) -> None:
        assert self._block is not None
        if line == "":
            self._pending_blank.append(line)
            return
        if line in _PY_CHAIN or (line == _PY_START and self._pending_blank):
            for blank in self._pending_blank:
                self._block.add(blank)
            self._pending_blank = []
            self._block.add(line)
            if line == _PY_START:
                self._state = "py_frames"
            return
        if line == _PY_START:  # a second, unrelated traceback right after the first
            self._emit()
            self._idle(line)
            return
        self._emit()
        self._idle(line)

    def _r_message(self, line: str) -> None:
        assert self._block is not None
        self._block.add(line)
        if line == "Execution halted":
            self._emit()
        elif line.startswith(("Calls:", "In addition:", "Warning message", "Backtrace:")):
            self._state = "r_after"
        elif line.startswith(" ") and not self._message:
            self._message = line.strip()
        elif line.startswith(" "):
            self._message += "\n" + line.strip()
        else:
            self._state = "r_after"
        self._bound_r()

    def _r_after(self, line: str) -> None:
        assert self._block is not None
        self._block.add(line)
        if line == "Execution halted":
            self._emit()
        else:
            self._bound_r()

    def _bound_r(self) -> None:
        if self._block is not None and self._block.omitted:  # far too long to be R's error epilogue
            self._reset()

    # ---- output -------------------------------------------------------------------------------
    def _emit(self) -> None:
        assert self._block is not None
        try:
            self._on_error({"exception.type": self._type, "exception.message": self._message,
                            "exception.stacktrace": self._block.text()})
        finally:
            self._reset()

    def _reset(self) -> None:
        self._state = "idle"
        self._block = None
        self._type = self._message = ""
        self._pending_blank = []
