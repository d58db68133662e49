"""Starts the command of `pipelens run` before the rest of the client is imported.

Importing the package runs pipelens/__init__.py, and the exporter, HTTP and logging modules take
most of the wrapper's start-up time. So pipelens/__init__.py calls `start_if_wrapper()` first: when
the interpreter is the wrapper (bin/pipelens run, or `python3 -m pipelens.run`), the command starts
here with only built-in modules and _w3c loaded (`posix`, not `os`, whose import alone takes
milliseconds under `python3 -S`; no `re`, no `typing`), and run.py takes the started child over.
No network I/O happens here.
"""

from __future__ import annotations  # annotations stay strings: no `typing` import on this path

import sys
import time

from . import _w3c

try:
    import posix as _posix  # built in and already loaded at start-up
except ImportError:  # pragma: no cover - Windows: no `pipelens run` there
    _posix = None

try:  # the C module: `signal` would import enum for its Signals class, and time counts here
    from _signal import SIGPIPE, SIGXFSZ
except ImportError:  # pragma: no cover - other interpreters
    from signal import SIGPIPE, SIGXFSZ

USAGE = "usage: pipelens run [--service NAME] -- CMD [ARGS...]"
_RESET = (SIGPIPE, SIGXFSZ)  # Python ignores these; the child gets the defaults, as with subprocess
LAUNCHER_MARK = "_PIPELENS_RUN_LAUNCHER"  # set by bin/pipelens for the wrapper; never passed to CMD


class UsageError(ValueError):
    pass


class Child:
    """The started command (or why it could not start) and the span identity it was given."""

    def __init__(self, command: list[str], service: str | None):
        self.command, self.service = command, service
        self._parent = _w3c.parse_traceparent(_env("TRACEPARENT"))  # (trace, span, flags) or None
        self._state = (_env("TRACESTATE") or "").strip() if self._parent else ""
        self._trace_id = self._parent[0] if self._parent else _w3c.new_id(16, _posix.urandom)
        self._span_id = _w3c.new_id(8, _posix.urandom)
        self._flags = self._parent[2] if self._parent else 1
        self.pid = 0
        self.stdout_fd = self.stderr_fd = -1
        self.error: OSError | None = None
        times = _posix.times()  # CPU of children reaped before ours (resource.getrusage later: its import costs)
        self.cpu_before = (times.children_user, times.children_system)
        self.start_ns = time.time_ns()

    @property
    def parent(self):
        """The incoming TRACEPARENT as an _ids.SpanContext, or None (after the start: _ids is slow)."""
        from . import _ids
        return _ids.SpanContext(*self._parent, self._state, True) if self._parent else None

    @property
    def context(self):
        """The run span's identity, the one the command received in TRACEPARENT."""
        from . import _ids
        return _ids.SpanContext(self._trace_id, self._span_id, self._flags, self._state, False)

    def spawn(self) -> "Child":
        env = caller_environment()
        env[b"TRACEPARENT"] = b"00-%s-%s-%02x" % (self._trace_id.encode(), self._span_id.encode(), self._flags)
        if self._state:
            env[b"TRACESTATE"] = self._state.encode("utf-8", "surrogateescape")
        else:
            env.pop(b"TRACESTATE", None)
        out_r, out_w = _posix.pipe()  # not inheritable: the child sees only its 1 and 2
        err_r, err_w = _posix.pipe()
        actions = [(_posix.POSIX_SPAWN_DUP2, out_w, 1), (_posix.POSIX_SPAWN_DUP2, err_w, 2)]
        try:
            self.start_ns = time.time_ns()
            self.pid = _posix.posix_spawnp(self.command[0], self.command, env, file_actions=actions,
                                           setsigdef=_RESET)
            self.stdout_fd, self.stderr_fd = out_r, err_r
        except OSError as error:
            self.error = error
            _posix.close(out_r)
            _posix.close(err_r)
        finally:
            _posix.close(out_w)
            _posix.close(err_w)
        return self


started: Child | None = None


def parse_args(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """(service name or None, command). Options end at `--` or at the first non-option word."""
    service = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            i += 1
            break
        if arg in ("-h", "--help"):
            raise UsageError("")
        if arg == "--service" or arg.startswith("--service="):
            if arg == "--service":
                if i + 1 >= len(argv):
                    raise UsageError("--service needs a value")
                service, i = argv[i + 1], i + 2
            else:
                service, i = arg.split("=", 1)[1], i + 1
            if not service.strip():
                raise UsageError("--service must not be empty")
            continue
        if arg.startswith("-"):
            raise UsageError("unknown option %r (put the command after --)" % arg)
        break
    command = list(argv[i:])
    if not command:
        raise UsageError("no command given")
    if not command[0]:
        raise UsageError("the command name is empty")
    return service, command


def _env(name: str) -> str | None:
    value = _posix.environ.get(name.encode())
    return None if value is None else value.decode("utf-8", "surrogateescape")


def caller_environment() -> dict:
    """The environment as the caller had it (bytes, as posix.environ holds it). bin/pipelens runs
    the wrapper isolated (`python3 -I`), so it changes nothing but its mark; an older launcher that
    prepended agent/python to PYTHONPATH left the caller's value, or its absence, in
    _PIPELENS_RUN_PYTHONPATH (mark 1)."""
    env = dict(_posix.environ)
    mark = env.pop(LAUNCHER_MARK.encode(), None)
    if mark == b"1":
        original = env.pop(b"_PIPELENS_RUN_PYTHONPATH", None)
        if original is None:
            env.pop(b"PYTHONPATH", None)
        else:
            env[b"PYTHONPATH"] = original
    return env


def start(argv: list[str]) -> Child:
    """Starts the command named by the wrapper's arguments (UsageError when they are wrong)."""
    global started
    service, command = parse_args(argv)
    started = Child(command, service).spawn()
    return started


def _wrapper_args() -> list[str] | None:
    """The wrapper's own arguments when this interpreter is `pipelens run`, else None."""
    if _posix is None:
        return None
    if sys.argv[:1] == ["-c"] and _env(LAUNCHER_MARK) == "2":  # bin/pipelens (see run.launched)
        return sys.argv[1:]
    orig = list(getattr(sys, "orig_argv", []))
    if sys.argv[:1] != ["-m"] or "-m" not in orig or orig[orig.index("-m") + 1:orig.index("-m") + 2] != ["pipelens.run"]:
        return None
    return orig[orig.index("-m") + 2:]


def start_if_wrapper() -> None:
    """Called first thing by pipelens/__init__.py; acts only in the wrapper's interpreter."""
    args = _wrapper_args()
    if args is None:
        return
    try:
        start(args)
    except UsageError:
        pass  # run.main reports it
    except Exception:  # anything else: run.main starts the command the ordinary way
        pass


def take() -> Child | None:
    global started
    child, started = started, None
    return child
