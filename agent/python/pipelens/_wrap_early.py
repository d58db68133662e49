"""Starts the command of `pipelens run` before the rest of the client is imported.

`python3 -m pipelens.run` imports the package first, and the exporter, HTTP and logging modules
take most of the wrapper's start-up time. So pipelens/__init__.py calls `start_if_wrapper()` first:
when the interpreter runs pipelens.run, the command starts here, with only os, signal, resource
and the W3C ids loaded, and run.py takes the started child over. No network I/O happens here.
"""

from __future__ import annotations  # annotations stay strings: no `typing` import on this path

import os
import resource
import sys
import time

from . import _ids

try:  # the C module: `signal` would import enum for its Signals class, and time counts here
    from _signal import SIGPIPE, SIGXFSZ
except ImportError:  # pragma: no cover - other interpreters
    from signal import SIGPIPE, SIGXFSZ

USAGE = "usage: pipelens run [--service NAME] -- CMD [ARGS...]"
_RESET = (SIGPIPE, SIGXFSZ)  # Python ignores these; the child gets the defaults, as with subprocess


class UsageError(ValueError):
    pass


class Child:
    """The started command (or why it could not start) and the span identity it was given."""

    def __init__(self, command: list[str], service: str | None):
        self.command, self.service = command, service
        self.parent = _ids.parse_traceparent(os.environ.get("TRACEPARENT"), os.environ.get("TRACESTATE", ""))
        trace_id = self.parent.trace_id if self.parent else _ids.new_trace_id()
        flags = self.parent.flags if self.parent else 1
        state = self.parent.trace_state if self.parent else ""
        self.context = _ids.SpanContext(trace_id, _ids.new_span_id(), flags, state, False)
        self.pid = 0
        self.stdout_fd = self.stderr_fd = -1
        self.error: OSError | None = None
        self.rusage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.start_ns = time.time_ns()

    def spawn(self) -> "Child":
        env = caller_environment()
        env["TRACEPARENT"] = self.context.traceparent()
        if self.context.trace_state:
            env["TRACESTATE"] = self.context.trace_state
        else:
            env.pop("TRACESTATE", None)
        out_r, out_w = os.pipe()  # not inheritable: the child sees only its 1 and 2
        err_r, err_w = os.pipe()
        actions = [(os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)]
        try:
            self.start_ns = time.time_ns()
            self.pid = os.posix_spawnp(self.command[0], self.command, env, file_actions=actions, setsigdef=_RESET)
            self.stdout_fd, self.stderr_fd = out_r, err_r
        except OSError as error:
            self.error = error
            os.close(out_r)
            os.close(err_r)
        finally:
            os.close(out_w)
            os.close(err_w)
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


def caller_environment() -> dict:
    """os.environ as the caller had it: bin/pipelens prepends agent/python to PYTHONPATH for us
    and leaves the caller's value (or its absence) in _PIPELENS_RUN_PYTHONPATH."""
    env = dict(os.environ)
    if env.pop("_PIPELENS_RUN_LAUNCHER", None) is not None:
        original = env.pop("_PIPELENS_RUN_PYTHONPATH", None)
        if original is None:
            env.pop("PYTHONPATH", None)
        else:
            env["PYTHONPATH"] = original
    return env


def start(argv: list[str]) -> Child:
    """Starts the command named by the wrapper's arguments (UsageError when they are wrong)."""
    global started
    service, command = parse_args(argv)
    started = Child(command, service).spawn()
    return started


def start_if_wrapper() -> None:
    """Called first thing by pipelens/__init__.py; acts only for `python3 -m pipelens.run ...`."""
    orig = list(getattr(sys, "orig_argv", []))
    if sys.argv[:1] != ["-m"] or "-m" not in orig or orig[orig.index("-m") + 1:orig.index("-m") + 2] != ["pipelens.run"]:
        return
    args = orig[orig.index("-m") + 2:]
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
