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
import sys
import threading
import time
from typing import Any, Dict, List, Optional, Sequence

import pipelens

from . import _config, _logs, _trace
from ._wrap_early import USAGE, Child, UsageError, parse_args, take
from ._wrap_errors import ErrorScanner
from ._wrap_pipes import Pump

FORWARDED = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCONT")
_FROM_TERMINAL = ("SIGINT", "SIGQUIT", "SIGWINCH", "SIGCONT")  # the kernel sends these to the whole group


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
    name = os.path.basename(command[0])
    args = command[1:]
    inline = any(a in ("-c", "-e") for a in args)  # `sh -c CODE`, `Rscript -e CODE`: no script to name it after
    words = [w for w in args if not w.startswith("-")]
    interpreter = name.rstrip("0123456789.") in ("python", "pypy", "Rscript", "bash", "sh", "dash", "zsh", "ksh")
    if interpreter and words and not inline:  # name the run after the script the interpreter runs
        name = os.path.basename(words[0])
    for suffix in (".py", ".R", ".r", ".sh"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


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


class _Forwarder:
    """Passes signals on to the child until it has been reaped (its pid may be reused after)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.reaped = False

    def __call__(self, signum, _frame) -> None:
        if not self.reaped:
            try:
                os.kill(self.pid, signum)
            except OSError:
                pass

    def install(self) -> None:
        foreground = _foreground_of_terminal()
        for name in FORWARDED:
            number = getattr(signal, name, None)
            if number is None:
                continue
            if foreground and name in _FROM_TERMINAL:
                # Ctrl-C reaches the child directly; forwarding would deliver it twice. Keep running
                # until the child decides what to do, so its exit status is what we pass on.
                signal.signal(number, signal.SIG_IGN if name != "SIGCONT" else signal.SIG_DFL)
            else:
                signal.signal(number, self)

    def wait(self) -> int:
        """The child's exit status (negative: killed by that signal), like Popen.returncode."""
        while True:
            try:
                _, status = os.waitpid(self.pid, 0)
                break
            except ChildProcessError:
                status = 0
                break
        self.reaped = True
        return os.waitstatus_to_exitcode(status)


def run(child: Child) -> int:
    config = pipelens.config
    command = child.command
    name = child.service or _default_service(command)
    if name:
        config.resource["service.name"] = name
    attributes: Dict[str, Any] = {"process.executable.name": os.path.basename(command[0]),
                                  "process.command_args": list(command)}
    span = _trace.Span(os.path.basename(command[0]), child.parent, _trace.KINDS["internal"], attributes)
    span.context, span.start_ns = child.context, child.start_ns  # the identity the child was given
    if child.error is not None:
        error = child.error
        rc = 127 if isinstance(error, FileNotFoundError) else 126
        reason = "command not found" if rc == 127 else (error.strerror or str(error))
        sys.stderr.write("pipelens run: %s: %s\n" % (command[0], reason))
        span.set_attribute("process.exit.code", rc)
        span.set_status("error", "%s: %s" % (command[0], reason))
        span.end()
        return rc
    forwarder = _Forwarder(child.pid)
    forwarder.install()  # before anything slow: a signal sent now must reach the child, not kill us
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
    try:
        pumps = [Pump(child.stdout_fd, 1, lambda line: capture.add("stdout", line), "stdout").start(),
                 Pump(child.stderr_fd, 2, on_stderr, "stderr").start()]
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, forwarded)
    returncode = forwarder.wait()
    ended = time.time_ns()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    drain = _limit("PIPELENS_RUN_DRAIN_MS", 2000) / 1000.0
    deadline = time.monotonic() + drain
    for pump in pumps:  # a background grandchild may keep the pipes open: wait a little, not forever
        pump.join(max(0.0, deadline - time.monotonic()))
    scanner.finish()
    return _finish(span, returncode, child.cpu_before, after, capture, errors, ended)


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
    user = max(0.0, after.ru_utime - before[0])  # before: os.times(), 10 ms ticks; usually 0
    system = max(0.0, after.ru_stime - before[1])
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
    child = take()  # normally started by pipelens/__init__.py before the slow imports
    if child is None or (child.command, child.service) != (command, service):
        child = Child(command, service).spawn()
    rc = run(child)
    pipelens.shutdown(pipelens.config.exit_timeout)
    return rc


def launched() -> None:
    """Entry point of bin/pipelens run (`python3 -I -S -c ...`) and of `python3 -m pipelens.run`."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)  # do not wait for a pump still blocked on a pipe a grandchild holds open


if __name__ == "__main__":
    launched()
