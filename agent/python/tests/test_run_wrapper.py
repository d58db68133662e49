"""`bin/pipelens run -- CMD` as a scheduler would start it, against the strict receiver."""

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import unittest

import collector
import harness
from receiver import Receiver, attributes

# the recogniser is standard-library only: load it without importing (and configuring) the client
_spec = importlib.util.spec_from_file_location("_wrap_errors", os.path.join(harness.PYTHON_ROOT, "pipelens", "_wrap_errors.py"))
_wrap_errors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_wrap_errors)
ErrorScanner = _wrap_errors.ErrorScanner

LAUNCHER = os.path.join(os.path.dirname(os.path.dirname(harness.PYTHON_ROOT)), "bin", "pipelens")
PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN = "00f067aa0ba902b7"


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return "http://127.0.0.1:%d" % port


class RunWrapperTest(unittest.TestCase):
    def setUp(self):
        self.receiver = Receiver()
        self.addCleanup(self.receiver.close)
        self.work = harness.temp_dir(self)
        self.spool = os.path.join(self.work, "spool")

    def env(self, endpoint=None, **extra):
        env = harness.base_env(endpoint or self.receiver.url, self.spool)
        env.pop("PYTHONPATH", None)  # the launcher finds agent/python itself
        env["PIPELENS_PYTHON"] = harness.PYTHON
        env.update(extra)
        return env

    def wrap(self, *command, env=None, stdin=b"", expect_rc=0, options=()):
        result = subprocess.run([LAUNCHER, "run", *options, "--", *command], input=stdin, capture_output=True,
                                env=env or self.env(), timeout=120)
        if expect_rc is not None and result.returncode != expect_rc:
            raise AssertionError("exit %d (wanted %d)\nstdout:\n%r\nstderr:\n%r"
                                 % (result.returncode, expect_rc, result.stdout, result.stderr))
        return result

    def script(self, name, text):
        path = os.path.join(self.work, name)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(text))
        return path

    def attrs(self, span):
        return attributes(span["attributes"])

    def assertValid(self):
        self.assertEqual([], self.receiver.problems())

    # ---- exit status ----------------------------------------------------------------------------
    def test_exit_code_is_passed_on_and_marks_the_span_failed(self):
        self.wrap("sh", "-c", "exit 7", expect_rc=7)
        self.wrap("true")
        self.assertValid()
        failed, ok = sorted(self.receiver.spans(), key=lambda s: s["name"])  # "sh" < "true"
        self.assertEqual(7, self.attrs(failed)["process.exit.code"])
        self.assertEqual({"code": 2, "message": "exit code 7"}, failed["status"])
        self.assertEqual(0, self.attrs(ok)["process.exit.code"])
        self.assertEqual({"code": 0}, ok["status"])
        self.assertEqual(["sh", "-c", "exit 7"], self.attrs(failed)["process.command_args"])
        self.assertEqual(("sh", "true"), (failed["resource"]["service.name"], ok["resource"]["service.name"]))

    def test_a_child_killed_by_a_signal_exits_128_plus_the_signal_like_a_shell(self):
        self.wrap("sh", "-c", "kill -KILL $$", expect_rc=137)
        attrs = self.attrs(self.receiver.span("sh"))
        self.assertEqual((137, 9), (attrs["process.exit.code"], attrs["process.exit.signal"]))
        self.assertEqual("killed by SIGKILL", self.receiver.span("sh")["status"]["message"])

    def test_sigterm_to_the_wrapper_reaches_the_child(self):
        child = self.script("wait.py", """
            import signal, sys, time
            signal.signal(signal.SIGTERM, lambda *a: sys.exit(42))
            print("ready", flush=True)
            time.sleep(60)
            """)
        wrapper = subprocess.Popen([LAUNCHER, "run", "--", harness.PYTHON, child], stdout=subprocess.PIPE,
                                   env=self.env(), start_new_session=True)
        try:
            self.assertEqual(b"ready\n", wrapper.stdout.readline())
            wrapper.send_signal(signal.SIGTERM)
            self.assertEqual(42, wrapper.wait(timeout=60), "the child's own exit status after its handler ran")
        finally:
            wrapper.kill()
            wrapper.wait()
            wrapper.stdout.close()

    def test_a_closed_reader_stops_the_child_with_sigpipe_as_in_a_shell_pipeline(self):
        wrapper = subprocess.Popen([LAUNCHER, "run", "--", "yes"], stdout=subprocess.PIPE, env=self.env())
        try:
            self.assertEqual(b"y\n", wrapper.stdout.readline())  # `pipelens run -- yes | head -1`
            wrapper.stdout.close()
            self.assertEqual(128 + signal.SIGPIPE, wrapper.wait(timeout=60))
        finally:
            wrapper.kill()
            wrapper.wait()
        self.assertEqual(signal.SIGPIPE, self.attrs(self.receiver.span("yes"))["process.exit.signal"])

    def test_a_missing_command_exits_127_with_a_clear_message_and_is_still_traced(self):
        result = self.wrap("no-such-command-xyz", expect_rc=127)
        self.assertIn(b"pipelens run: no-such-command-xyz: command not found", result.stderr)
        self.assertEqual(2, self.receiver.span("no-such-command-xyz")["status"]["code"])

    def test_usage_errors_name_the_problem(self):
        result = subprocess.run([LAUNCHER, "run"], capture_output=True, env=self.env(), timeout=60)
        self.assertEqual(2, result.returncode)
        self.assertIn(b"pipelens run: no command given", result.stderr)
        result = subprocess.run([LAUNCHER, "run", "--servce", "x", "--", "true"], capture_output=True,
                                env=self.env(), timeout=60)
        self.assertEqual(2, result.returncode)
        self.assertIn(b"unknown option '--servce'", result.stderr)

    # ---- streams ------------------------------------------------------------------------------
    def test_stdin_stdout_and_stderr_pass_through_byte_for_byte(self):
        child = self.script("echo.py", """
            import sys
            data = sys.stdin.buffer.read()
            sys.stdout.buffer.write(b"in:" + data + b"\\n")
            sys.stdout.buffer.write(b"bin\\xff\\x00ary\\r\\n" + b"y" * 40000 + b"\\nno newline at end")
            sys.stderr.buffer.write("caf\\u00e9 warning\\n".encode())
            """)
        stdin = bytes(range(256)) * 3
        result = self.wrap(harness.PYTHON, child, stdin=stdin)
        self.assertEqual(b"in:" + stdin + b"\n" + b"bin\xff\x00ary\r\n" + b"y" * 40000 + b"\nno newline at end",
                         result.stdout)
        self.assertEqual("caf\u00e9 warning\n".encode(), result.stderr)
        self.assertValid()
        span = self.receiver.span("python3" if os.path.basename(harness.PYTHON) == "python3"
                                  else os.path.basename(harness.PYTHON))
        logs = self.receiver.logs()
        self.assertEqual({span["traceId"]}, {r["traceId"] for r in logs})
        self.assertEqual({span["spanId"]}, {r["spanId"] for r in logs})
        by_stream = {}
        for rec in logs:
            by_stream.setdefault(attributes(rec["attributes"])["log.iostream"], []).append(rec["body"]["stringValue"])
        self.assertEqual(["caf\u00e9 warning"], by_stream["stderr"])
        self.assertIn("bin\ufffd\x00ary", by_stream["stdout"])
        self.assertEqual("no newline at end", by_stream["stdout"][-1])
        self.assertEqual("echo", span["resource"]["service.name"], "named after the script the interpreter runs")

    def test_captured_output_is_capped_and_the_rest_counted(self):
        env = self.env(PIPELENS_RUN_MAX_LOG_LINES="5")
        result = self.wrap("sh", "-c", "for i in $(seq 1 20); do echo line $i; done", env=env)
        self.assertEqual(20, len(result.stdout.splitlines()), "the terminal still sees everything")
        self.assertEqual(["line %d" % i for i in range(1, 6)], [r["body"]["stringValue"] for r in self.receiver.logs()])
        attrs = self.attrs(self.receiver.span("sh"))
        self.assertEqual((5, 15, len(b"line 10\n") * 11 + len(b"line 6\n") * 4),
                         (attrs["pipelens.run.log.lines"], attrs["pipelens.run.log.dropped_lines"],
                          attrs["pipelens.run.log.dropped_bytes"]))

    # ---- trace context --------------------------------------------------------------------------
    def test_traceparent_is_continued_and_passed_to_the_child_with_the_rest_of_the_env_unchanged(self):
        env = self.env(TRACEPARENT="00-%s-%s-01" % (PARENT_TRACE, PARENT_SPAN), TRACESTATE="vendor=abc",
                       BAGGAGE="run=42", SOME_SETTING="kept as is", PYTHONPATH="/callers/path")
        result = self.wrap("sh", "-c", 'echo "$TRACEPARENT|$TRACESTATE|$BAGGAGE|$SOME_SETTING|$PYTHONPATH"',
                           env=env, options=("--service", "nightly-etl"))
        span = self.receiver.span("sh")
        self.assertEqual((PARENT_TRACE, PARENT_SPAN), (span["traceId"], span["parentSpanId"]))
        self.assertEqual("00-%s-%s-01|vendor=abc|run=42|kept as is|/callers/path\n" % (PARENT_TRACE, span["spanId"]),
                         result.stdout.decode())
        self.assertEqual("nightly-etl", span["resource"]["service.name"])

    def test_without_traceparent_the_child_starts_a_new_trace_and_the_launchers_path_is_not_leaked(self):
        result = self.wrap("sh", "-c", 'echo "$TRACEPARENT|${PYTHONPATH-unset}"')
        span = self.receiver.span("sh")
        self.assertNotIn("parentSpanId", span)
        self.assertEqual("00-%s-%s-01|unset\n" % (span["traceId"], span["spanId"]), result.stdout.decode())

    def test_python_m_pipelens_run_works_without_the_launcher(self):
        env = self.env(PYTHONPATH=harness.PYTHON_ROOT)
        result = subprocess.run([harness.PYTHON, "-m", "pipelens.run", "--", "sh", "-c", 'echo "$TRACEPARENT|$PYTHONPATH"'],
                                capture_output=True, env=env, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        span = self.receiver.span("sh")
        self.assertEqual("00-%s-%s-01|%s\n" % (span["traceId"], span["spanId"], harness.PYTHON_ROOT),
                         result.stdout.decode())

    def test_an_instrumented_python_child_nests_its_spans_under_the_run_span(self):
        env = self.env()
        env["PYTHONPATH"] = harness.PYTHON_ROOT  # the child uses the pipelens client itself
        self.wrap(harness.PYTHON, os.path.join(harness.SCRIPTS, "spans.py"), env=env)
        run_span = self.receiver.span(os.path.basename(harness.PYTHON))
        pipeline = self.receiver.span("pipeline")
        self.assertEqual((run_span["traceId"], run_span["spanId"]), (pipeline["traceId"], pipeline["parentSpanId"]))

    # ---- errors ----------------------------------------------------------------------------------
    def test_a_python_traceback_becomes_an_exception_event(self):
        child = self.script("job.py", """
            def parse_row(n):
                raise ValueError("bad row %d" % n)
            print("starting")
            parse_row(7)
            """)
        result = self.wrap(harness.PYTHON, child, expect_rc=1, env=self.env(PIPELENS_RUN_MAX_LOG_LINES="0"))
        self.assertEqual([], self.receiver.logs(), "no log records with a cap of 0 lines ...")
        span = self.receiver.span(os.path.basename(harness.PYTHON))
        self.assertEqual({"code": 2, "message": "ValueError: bad row 7"}, span["status"])
        (event,) = span["events"]
        attrs = attributes(event["attributes"])
        self.assertEqual(("exception", "ValueError", "bad row 7"),
                         (event["name"], attrs["exception.type"], attrs["exception.message"]))
        self.assertEqual(result.stderr.decode().rstrip("\n"), attrs["exception.stacktrace"])
        self.assertIn("in parse_row", attrs["exception.stacktrace"])
        self.assertEqual(1 + len(result.stderr.splitlines()), self.attrs(span)["pipelens.run.log.dropped_lines"],
                         "... yet the traceback is recognised")

    def test_an_r_error_becomes_an_exception_event(self):
        if shutil.which("Rscript") is None:
            if os.environ.get("PIPELENS_REQUIRE_ALL"):
                raise RuntimeError("Rscript not installed, and PIPELENS_REQUIRE_ALL forbids skipping the R tests")
            self.skipTest("Rscript not installed")
        self.wrap("Rscript", "-e", 'f <- function() stop("bad row"); f()', expect_rc=1)
        span = self.receiver.span("Rscript")
        self.assertEqual({"code": 2, "message": "RError: bad row"}, span["status"])
        (event,) = span["events"]
        attrs = attributes(event["attributes"])
        self.assertEqual(("RError", "bad row"), (attrs["exception.type"], attrs["exception.message"]))
        self.assertTrue(attrs["exception.stacktrace"].startswith("Error in f() : bad row"), attrs)
        self.assertTrue(attrs["exception.stacktrace"].endswith("Execution halted"), attrs)

    # ---- resources -------------------------------------------------------------------------------
    def test_cpu_time_and_peak_memory_of_the_child_are_recorded(self):
        child = self.script("heavy.py", """
            import time
            block = b"x" * (96 * 1024 * 1024)
            while time.process_time() < 0.3:
                pass
            """)
        self.wrap(harness.PYTHON, child)
        attrs = self.attrs(self.receiver.span(os.path.basename(harness.PYTHON)))
        self.assertGreaterEqual(attrs["process.cpu.time"], 0.3)
        self.assertLess(attrs["process.cpu.time"], 30)
        self.assertGreaterEqual(attrs["process.memory.peak"], 96 * 1024 * 1024)
        self.assertLess(attrs["process.memory.peak"], 4 * 1024 ** 3)

    # ---- collector down ---------------------------------------------------------------------------
    def test_telemetry_is_spooled_when_the_collector_is_down_and_delivered_by_the_next_run(self):
        down = self.env(endpoint=closed_port_url())
        result = self.wrap("sh", "-c", "echo while down; exit 3", env=down, expect_rc=3)
        self.assertEqual(b"while down\n", result.stdout)
        self.assertTrue(harness.spool_files(self.spool), "nothing spooled")
        self.assertEqual([], self.receiver.requests)
        self.wrap("true")
        self.assertValid()
        self.assertEqual([], harness.spool_files(self.spool))
        down_span = self.receiver.span("sh")
        self.assertEqual(3, self.attrs(down_span)["process.exit.code"])
        self.assertEqual(["while down"], [r["body"]["stringValue"] for r in self.receiver.logs()
                                          if r["spanId"] == down_span["spanId"]])
        self.receiver.span("true")


COLLECTOR_BUILD = collector.build_dir()


@unittest.skipIf(COLLECTOR_BUILD is None and not os.environ.get("PIPELENS_REQUIRE_ALL"),
                 "collector not built (./mvnw -q -B install -DskipTests, or set PIPELENS_COLLECTOR_BUILD)")
class RunWrapperCollectorTest(unittest.TestCase):
    """What a real collector stores for a wrapped job that fails."""

    def test_a_failing_wrapped_job_is_stored_with_its_exception_and_output(self):
        if COLLECTOR_BUILD is None:
            raise RuntimeError("collector build not found, and PIPELENS_REQUIRE_ALL forbids skipping this test")
        work = harness.temp_dir(self)
        # the Jaeger query listener (fixed port 16686 by default) would collide with other collectors;
        # unknown environment keys are ignored by collectors built before it existed
        real = collector.RealCollector(COLLECTOR_BUILD, os.path.join(work, "data"), os.path.join(work, "collector.log"),
                                       PIPELENS_COLLECTOR_JAEGER_ENABLED="false")
        self.addCleanup(real.stop)
        real.start()
        job = os.path.join(work, "job.py")
        with open(job, "w") as handle:
            handle.write("print('loaded 3 rows')\nraise KeyError('customer_id')\n")
        env = harness.base_env(real.otlp_url, os.path.join(work, "spool"), PIPELENS_API_ENDPOINT=real.api_url,
                               TRACEPARENT="00-%s-%s-01" % (PARENT_TRACE, PARENT_SPAN))
        env.pop("PYTHONPATH")
        env["PIPELENS_PYTHON"] = harness.PYTHON
        result = subprocess.run([LAUNCHER, "run", "--service", "nightly", "--", harness.PYTHON, job],
                                capture_output=True, env=env, timeout=120)
        self.assertEqual(1, result.returncode, result.stderr)
        collector.wait_until(lambda: real.metric("pipelens_ingest_items_accepted_total", signal="traces") >= 1, 30,
                             "the run span accepted")
        real.stop()
        (span,) = real.query("SELECT name, parent_span_id, service_name, status_code, events FROM spans "
                             "WHERE trace_id = '%s'" % PARENT_TRACE)
        self.assertEqual((os.path.basename(harness.PYTHON), PARENT_SPAN, "nightly", "2"),
                         (span["name"], span["parent_span_id"], span["service_name"], span["status_code"]))
        (event,) = json.loads(span["events"])
        self.assertEqual(("exception", "KeyError", "'customer_id'"),
                         (event["name"], event["attributes"]["exception.type"], event["attributes"]["exception.message"]))
        bodies = [json.loads(r["body"]) for r in real.query("SELECT body FROM logs WHERE trace_id = '%s'" % PARENT_TRACE)]
        self.assertIn("loaded 3 rows", bodies)
        self.assertIn("KeyError: 'customer_id'", bodies, "stderr lines too")


class ErrorScannerTest(unittest.TestCase):
    """The stderr recogniser on its own: text in, exception attributes out."""

    def scan(self, text):
        found = []
        scanner = ErrorScanner(found.append)
        for line in text.split("\n"):
            scanner.feed(line)
        scanner.finish()
        return [(e["exception.type"], e["exception.message"]) for e in found], found

    def test_chained_python_exceptions_are_one_error_named_after_the_last(self):
        text = ("Traceback (most recent call last):\n  File \"a.py\", line 2, in <module>\n    int('x')\n"
                "ValueError: invalid literal\n\nDuring handling of the above exception, another exception occurred:\n\n"
                "Traceback (most recent call last):\n  File \"a.py\", line 4, in <module>\n    raise KeyError(1)\n"
                "KeyError: 1\nafter")
        summary, found = self.scan(text)
        self.assertEqual([("KeyError", "1")], summary)
        self.assertEqual(text[: text.index("\nafter")], found[0]["exception.stacktrace"])

    def test_two_separate_tracebacks_and_a_bare_exception_name(self):
        text = ("Traceback (most recent call last):\n  File \"w.py\", line 1\nmod.Boom: x: y\n"
                "Traceback (most recent call last):\n  File \"w.py\", line 9\nKeyboardInterrupt")
        self.assertEqual([("mod.Boom", "x: y"), ("KeyboardInterrupt", "")], self.scan(text)[0])

    def test_an_r_error_needs_execution_halted_and_keeps_a_wrapped_message(self):
        halted = "Error in read_input(path) : \n  cannot open file 'in.csv'\nCalls: main -> read_input\nExecution halted"
        self.assertEqual([("RError", "cannot open file 'in.csv'")], self.scan(halted)[0])
        self.assertEqual([("RError", "stopped")], self.scan("Error: stopped\nExecution halted")[0])
        self.assertEqual([], self.scan("Error: file not found\nusage: tool FILE")[0], "other tools print Error: too")

    def test_ordinary_stderr_and_a_truncated_traceback_are_not_errors(self):
        self.assertEqual([], self.scan("warning: x\nTraceback (most recent call last):\nnot a frame or name!")[0])
        self.assertEqual([], self.scan("Traceback (most recent call last):\n  File \"x.py\", line 1")[0])


if __name__ == "__main__":
    unittest.main()
