"""`pipelens run [--service NAME] -- CMD ARGS...`: runs CMD as one span of a trace.

For jobs started by cron, Airflow, a shell or any scheduler. CMD starts first (before any network
I/O) with the environment unchanged except TRACEPARENT/TRACESTATE/BAGGAGE, which name this span so
an instrumented child continues the trace. stdin is inherited; stdout and stderr are passed through
byte for byte and their lines are kept as OTLP log records (bounded). Python tracebacks and R
errors on stderr become `exception` events. The exit status is passed on (killed by signal N:
128+N, like a shell). Telemetry is exported at the end within PIPELENS_EXIT_TIMEOUT seconds; what
cannot be sent is spooled and delivered by the next run. See docs/run-wrapper.md.
"""

import os
import resource
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pipelens

from . import _config, _logs, _trace
from ._wrap_errors import ErrorScanner
from ._wrap_pipes import Pump

USAGE = "usage: pipelens run [--service NAME] -- CMD [ARGS...]"
FORWARDED = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCONT")
_FROM_TERMINAL = ("SIGINT", "SIGQUIT", "SIGWINCH", "SIGCONT")  # the kernel sends these to the whole group


class UsageError(ValueError):
    pass


def parse_args(argv: Sequence[str]) -> Tuple[Optional[str], List[str]]:
    """(service name or None, command). Options end at `--` or at the first non-option word."""
    service: Optional[str] = None
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


def _limit(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
        if value < 0:
            raise ValueError
        return value
    except ValueError:
        sys.stderr.write("pipelens run: ignoring %s=%r: expected a whole number >= 0; using %d\n" % (name, raw, default))
        return default


class LogCapture:
    """Turns output lines into log records of `span`, up to max_lines and max_bytes; counts the rest."""

    def __init__(self, span: _trace.Span, max_lines: int, max_bytes: int):
        self._span = span
        self._max_lines, self._max_bytes = max_lines, max_bytes
        self._lock = threading.Lock()
        self.lines = self.bytes = self.dropped_lines = self.dropped_bytes = 0

    def add(self, stream: str, line: bytes) -> None:
        with self._lock:
            if self.lines >= self._max_lines or self.bytes + len(line) > self._max_bytes:
                self.dropped_lines += 1
                self.dropped_bytes += len(line)
                return
            self.lines += 1
            self.bytes += len(line)
        text = line.decode("utf-8", "replace").rstrip("\n").rstrip("\r")
        rec = _logs.record(text, "INFO" if stream == "stdout" else "WARN", {"log.iostream": stream})
        context = self._span.context
        rec["traceId"], rec["spanId"], rec["flags"] = context.trace_id, context.span_id, context.flags & 0xFF
        pipelens._exporter.enqueue("logs", rec)


def _default_service(command: List[str]) -> Optional[str]:
    explicit = (_config._env("PIPELENS_SERVICE_NAME") or _config._env("OTEL_SERVICE_NAME")
                or "service.name" in _config.parse_resource_attributes(os.environ.get("OTEL_RESOURCE_ATTRIBUTES")))
    if explicit:
        return None
    words = [w for w in command[1:] if not w.startswith("-")]
    name = os.path.basename(command[0])
    if name.startswith(("python", "Rscript", "bash", "sh")) and words:  # interpreter: name the script
        name = os.path.basename(words[0])
    for suffix in (".py", ".R", ".r", ".sh"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def caller_environment() -> Dict[str, str]:
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


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return "signal %d" % number


def _foreground_of_terminal() -> bool:
    for fd in (0, 1, 2):
        try:
            if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp():
                return True
        except OSError:
            pass
    return False


def _forward_signals(child: subprocess.Popen) -> None:
    foreground = _foreground_of_terminal()

    def forward(signum, _frame):
        try:
            child.send_signal(signum)
        except OSError:
            pass

    for name in FORWARDED:
        number = getattr(signal, name, None)
        if number is None:
            continue
        if foreground and name in _FROM_TERMINAL:
            # Ctrl-C reaches the child directly; forwarding would deliver it twice. Keep running
            # until the child decides what to do, so its exit status is what we pass on.
            signal.signal(number, signal.SIG_IGN if name != "SIGCONT" else signal.SIG_DFL)
        else:
            signal.signal(number, forward)


def run(command: List[str], service: Optional[str]) -> int:
    config = pipelens.config
    name = service or _default_service(command)
    if name:
        config.resource["service.name"] = name
    attributes: Dict[str, Any] = {"process.executable.name": os.path.basename(command[0]),
                                  "process.command_args": list(command)}
    span = _trace.Span(os.path.basename(command[0]), _trace.current_context(), _trace.KINDS["internal"], attributes)
    token = _trace._current.set(span)
    try:
        env = pipelens.child_env(caller_environment())
    finally:
        _trace._current.reset(token)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, close_fds=False)
    except OSError as error:
        rc = 127 if isinstance(error, FileNotFoundError) else 126
        reason = "command not found" if rc == 127 else (error.strerror or str(error))
        sys.stderr.write("pipelens run: %s: %s\n" % (command[0], reason))
        span.set_attribute("process.exit.code", rc)
        span.set_status("error", "%s: %s" % (command[0], reason))
        span.end()
        return rc
    _forward_signals(child)  # handlers first: a signal sent now must reach the child, not kill us
    span.set_attribute("process.pid", child.pid)
    capture = LogCapture(span, _limit("PIPELENS_RUN_MAX_LOG_LINES", 1000), _limit("PIPELENS_RUN_MAX_LOG_BYTES", 256 * 1024))
    errors: List[Dict[str, Any]] = []
    scanner = ErrorScanner(errors.append)

    def on_stderr(line: bytes) -> None:
        capture.add("stderr", line)
        scanner.feed(line.decode("utf-8", "replace").rstrip("\n"))

    # Threads started while the forwarded signals are blocked keep them blocked (the exporter's
    # too, started from a pump), so the kernel delivers them to the main thread: a signal handled
    # by another thread would not interrupt the main thread's wait, and would not be forwarded.
    forwarded = {getattr(signal, n) for n in FORWARDED if hasattr(signal, n)}
    signal.pthread_sigmask(signal.SIG_BLOCK, forwarded)
    pumps = []
    try:
        for stream, target, on_line in ((child.stdout, 1, lambda line: capture.add("stdout", line)),
                                        (child.stderr, 2, on_stderr)):
            assert stream is not None
            fd = os.dup(stream.fileno())
            stream.close()
            pumps.append(Pump(fd, target, on_line, "stdout" if target == 1 else "stderr").start())
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, forwarded)
    returncode = child.wait()
    ended = time.time_ns()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    drain = _limit("PIPELENS_RUN_DRAIN_MS", 2000) / 1000.0
    deadline = time.monotonic() + drain
    for pump in pumps:  # a background grandchild may keep the pipes open: wait a little, not forever
        pump.join(max(0.0, deadline - time.monotonic()))
    scanner.finish()
    return _finish(span, returncode, before, after, capture, errors, ended)


def _finish(span: _trace.Span, returncode: int, before, after, capture: LogCapture,
            errors: List[Dict[str, Any]], ended_ns: int) -> int:
    if returncode < 0:
        rc = 128 - returncode
        span.set_attribute("process.exit.signal", -returncode)
        status = "killed by %s" % _signal_name(-returncode)
    else:
        rc = returncode
        status = "exit code %d" % rc
    span.set_attribute("process.exit.code", rc)
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    span.set_attributes({"process.cpu.time": round(user + system, 6), "process.cpu.time.user": round(user, 6),
                         "process.cpu.time.system": round(system, 6),
                         "process.memory.peak": int(after.ru_maxrss) * (1 if sys.platform == "darwin" else 1024)})
    span.set_attributes({"pipelens.run.log.lines": capture.lines, "pipelens.run.log.dropped_lines": capture.dropped_lines,
                         "pipelens.run.log.dropped_bytes": capture.dropped_bytes})
    for attrs in errors:
        span.add_event("exception", attrs)
    if errors:
        last = errors[-1]
        message = last["exception.message"]
        span.set_status("error", "%s: %s" % (last["exception.type"], message) if message else last["exception.type"])
    elif rc != 0:
        span.set_status("error", status)
    span.end_ns = max(span.start_ns, ended_ns)  # the child's lifetime, not our draining and parsing
    _trace._sink(span)
    return rc


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        service, command = parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        if str(error):
            sys.stderr.write("pipelens run: %s\n%s\n" % (error, USAGE))
            return 2
        sys.stdout.write(USAGE + "\n")
        return 0
    rc = run(command, service)
    pipelens.shutdown(pipelens.config.exit_timeout)
    return rc


if __name__ == "__main__":
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)  # do not wait for a pump still blocked on a pipe a grandchild holds open
