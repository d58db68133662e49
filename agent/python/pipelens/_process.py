"""Context for child processes (TRACEPARENT in their environment) and the uncaught-exception hooks."""

import os
import subprocess
import sys
import threading
from typing import Callable, Dict, Mapping, Optional

from . import _ids, _trace

_baggage: Dict[str, str] = {}


def child_env(base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """A copy of `base` (default os.environ) with TRACEPARENT/TRACESTATE/BAGGAGE of the current
    span, so a child process continues this trace. Everything else in the environment is kept."""
    env = dict(os.environ if base is None else base)
    context = _trace.current_context()
    if context is not None:
        env["TRACEPARENT"] = context.traceparent()
        if context.trace_state:
            env["TRACESTATE"] = context.trace_state
        else:
            env.pop("TRACESTATE", None)
    if _baggage:
        env["BAGGAGE"] = _ids.format_baggage(_baggage)
    return env


_original_init = None


def patch_subprocess() -> None:
    """Makes every subprocess.Popen (and so run/call/check_output, os-level spawns excluded)
    inherit the current span: env=None becomes child_env(); an explicit env gets the trace
    variables added unless it already sets TRACEPARENT. Idempotent."""
    global _original_init
    if _original_init is not None:
        return
    _original_init = original = subprocess.Popen.__init__

    def __init__(self, *args, **kwargs):
        try:
            if len(args) <= 10:  # env is args[10] when passed positionally (args[0] is the command)
                env = kwargs.get("env")
                if env is None:
                    kwargs["env"] = child_env()
                elif "TRACEPARENT" not in env:
                    kwargs["env"] = child_env(env)
        except Exception:
            pass
        original(self, *args, **kwargs)

    subprocess.Popen.__init__ = __init__  # type: ignore[method-assign]


def unpatch_subprocess() -> None:
    global _original_init
    if _original_init is not None:
        subprocess.Popen.__init__ = _original_init  # type: ignore[method-assign]
        _original_init = None


def install_excepthooks(on_uncaught: Callable[[BaseException], None]) -> None:
    """Records uncaught exceptions (main thread and threading.Thread), flushes, then runs the hook
    that was installed before ours."""
    previous = sys.excepthook

    def excepthook(exc_type, exc, tb):
        try:
            if exc is not None and not isinstance(exc, KeyboardInterrupt):
                on_uncaught(exc)
        except Exception:
            pass
        previous(exc_type, exc, tb)

    sys.excepthook = excepthook
    previous_thread_hook = threading.excepthook

    def thread_hook(args):
        try:
            if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
                on_uncaught(args.exc_value)
        except Exception:
            pass
        previous_thread_hook(args)

    threading.excepthook = thread_hook
