"""The Python client run as real `python3` processes against the strict receiver."""

import json
import os
import socket
import subprocess
import time
import unittest

import harness
from receiver import Receiver, attributes

PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN = "00f067aa0ba902b7"


class PythonClientTest(unittest.TestCase):
    def setUp(self):
        self.receiver = Receiver()
        self.addCleanup(self.receiver.close)
        self.spool = os.path.join(harness.temp_dir(self), "spool")

    def env(self, **extra):
        return harness.base_env(self.receiver.url, self.spool, **extra)

    def assertValid(self):
        self.assertEqual([], self.receiver.problems())

    def test_spans_continue_the_parent_trace_and_nest(self):
        env = self.env(TRACEPARENT="00-%s-%s-01" % (PARENT_TRACE, PARENT_SPAN), TRACESTATE="vendor=abc",
                       PIPELENS_SERVICE_NAME="etl-py", OTEL_RESOURCE_ATTRIBUTES="deployment.environment=test,team=ds")
        result = harness.check(harness.run_python("spans.py", env))
        out = json.loads(result.stdout)
        self.assertValid()
        root, load = self.receiver.span("pipeline"), self.receiver.span("load")
        transform, fails = self.receiver.span("transform"), self.receiver.span("fails")
        self.assertEqual(PARENT_TRACE, out["trace_id"])
        self.assertEqual({PARENT_TRACE}, {s["traceId"] for s in self.receiver.spans()})
        self.assertEqual(PARENT_SPAN, root["parentSpanId"])
        self.assertEqual("vendor=abc", root["traceState"])
        self.assertEqual(0x301, root["flags"], "sampled, parent known to be remote")
        self.assertEqual([root["spanId"]] * 3, [load["parentSpanId"], transform["parentSpanId"], fails["parentSpanId"]])
        self.assertEqual((2, 3, 1), (root["kind"], load["kind"], transform["kind"]))
        self.assertEqual({"rows": 3, "ratio": 0.5, "ok": True, "tags": ["a", "b"]}, attributes(root["attributes"]))
        self.assertEqual({"code": 1}, load["status"])
        self.assertEqual({"step": 2}, attributes(transform["attributes"]))
        self.assertEqual(["batch"], [e["name"] for e in transform["events"]])
        self.assertLessEqual(int(root["startTimeUnixNano"]), int(load["startTimeUnixNano"]))
        self.assertLessEqual(int(load["endTimeUnixNano"]), int(root["endTimeUnixNano"]))
        resource = root["resource"]
        self.assertEqual("etl-py", resource["service.name"])
        self.assertEqual("python", resource["telemetry.sdk.language"])
        self.assertEqual("pipelens", resource["telemetry.sdk.name"])
        self.assertEqual(("test", "ds"), (resource["deployment.environment"], resource["team"]))
        self.assertEqual(socket.gethostname(), resource["host.name"])
        self.assertIsInstance(resource["process.pid"], int)
        self.assertEqual("bad row 7", out["caught"], "the exception reaches the caller unchanged")

    def test_exception_in_a_span_becomes_an_exception_event_with_the_full_traceback(self):
        harness.check(harness.run_python("spans.py", self.env()))
        fails = self.receiver.span("fails")
        self.assertEqual(2, fails["status"]["code"])
        self.assertIn("bad row 7", fails["status"]["message"])
        (event,) = fails["events"]
        attrs = attributes(event["attributes"])
        self.assertEqual("exception", event["name"])
        self.assertEqual(("ValueError", "bad row 7", True),
                         (attrs["exception.type"], attrs["exception.message"], attrs["exception.escaped"]))
        trace = attrs["exception.stacktrace"]
        self.assertTrue(trace.startswith("Traceback (most recent call last):"), trace)
        self.assertIn("in parse_row", trace)
        self.assertIn('raise ValueError("bad row %d" % n)', trace)
        self.assertTrue(trace.rstrip().endswith("ValueError: bad row 7"))
        self.assertEqual(0, self.receiver.span("pipeline")["status"]["code"], "a caught error leaves the parent alone")

    def test_service_name_defaults_to_the_script_name(self):
        harness.check(harness.run_python("retry.py", self.env(OTEL_SERVICE_NAME="")))
        self.assertEqual("retry", self.receiver.span("retried")["resource"]["service.name"])
        self.receiver.requests.clear()
        harness.check(harness.run_python("retry.py", self.env(OTEL_SERVICE_NAME="from-otel")))
        self.assertEqual("from-otel", self.receiver.span("retried")["resource"]["service.name"])

    def test_uncaught_exception_is_exported_then_the_original_hook_prints_it(self):
        result = harness.check(harness.run_python("uncaught.py", self.env(), "in-span"), expect_rc=1)
        self.assertIn("RuntimeError: disk quota exceeded", result.stderr, "Python's own hook still ran")
        self.assertIn("Traceback", result.stderr)
        self.assertValid()
        work = self.receiver.span("work")
        self.assertEqual(["work"], [s["name"] for s in self.receiver.spans()], "recorded once, no extra error span")
        self.assertEqual(2, work["status"]["code"])
        self.assertIn("in step_three", attributes(work["events"][0]["attributes"])["exception.stacktrace"])
        (record,) = self.receiver.logs()
        self.assertEqual((work["traceId"], work["spanId"]), (record["traceId"], record["spanId"]))
        self.assertEqual(17, record["severityNumber"])
        self.assertEqual("RuntimeError", attributes(record["attributes"])["exception.type"])

    def test_uncaught_exception_outside_any_span_gets_its_own_error_span(self):
        env = self.env(TRACEPARENT="00-%s-%s-01" % (PARENT_TRACE, PARENT_SPAN))
        result = harness.check(harness.run_python("uncaught.py", env), expect_rc=1)
        self.assertIn("RuntimeError: disk quota exceeded", result.stderr)
        span = self.receiver.span("uncaught RuntimeError")
        self.assertEqual((PARENT_TRACE, PARENT_SPAN, 2), (span["traceId"], span["parentSpanId"], span["status"]["code"]))
        attrs = attributes(span["events"][0]["attributes"])
        self.assertEqual(("RuntimeError", "disk quota exceeded"), (attrs["exception.type"], attrs["exception.message"]))

    def test_metrics_are_cumulative_otlp_sums_gauges_and_histograms(self):
        result = harness.check(harness.run_python("metrics.py", self.env()))
        self.assertValid()
        self.assertIn("counter 'rows_processed' can only increase, got -1", result.stderr)
        self.assertEqual(2, len(self.receiver.accepted("/v1/metrics")), "explicit flush + exit")
        first, last = ({m["name"]: m for m in self.receiver.metrics()[i:i + 3]} for i in (0, 3))
        rows = first["rows_processed"]
        self.assertEqual(("{row}", "rows seen", 2, True), (rows["unit"], rows["description"],
                         rows["sum"]["aggregationTemporality"], rows["sum"]["isMonotonic"]))
        by_step = lambda metric: {attributes(p["attributes"])["step"]: p for p in metric["sum"]["dataPoints"]}
        self.assertEqual(7.5, by_step(rows)["load"]["asDouble"])
        self.assertEqual("1", by_step(rows)["save"]["asInt"])
        self.assertEqual(17.5, by_step(last["rows_processed"])["load"]["asDouble"], "cumulative across exports")
        self.assertEqual(by_step(rows)["load"]["startTimeUnixNano"], by_step(last["rows_processed"])["load"]["startTimeUnixNano"])
        self.assertEqual("3", first["queue_depth"]["gauge"]["dataPoints"][0]["asInt"])
        (hist,) = first["step_seconds"]["histogram"]["dataPoints"]
        self.assertEqual(2, first["step_seconds"]["histogram"]["aggregationTemporality"])
        self.assertEqual([0.1, 1, 10], hist["explicitBounds"])
        self.assertEqual(["1", "2", "1", "1"], hist["bucketCounts"])
        self.assertEqual(("5", 56.25, 0.05, 50), (hist["count"], hist["sum"], hist["min"], hist["max"]))

    def test_metrics_are_exported_periodically_while_the_script_runs(self):
        env = self.env(PIPELENS_EXPORT_INTERVAL="0.2")
        script = os.path.join(harness.SCRIPTS, "metrics_periodic.py")
        with subprocess.Popen([harness.PYTHON, script], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True) as process:
            self.assertEqual("ready\n", process.stdout.readline())
            self.receiver.await_(lambda: len(self.receiver.accepted("/v1/metrics")) >= 2, timeout=30)
            process.stdin.close()
        self.assertValid()
        self.assertEqual(["alive"], sorted({m["name"] for m in self.receiver.metrics()}))

    def test_log_records_carry_trace_and_span_ids(self):
        result = harness.check(harness.run_python("logs.py", self.env()))
        trace_id, span_id = result.stdout.split()
        self.assertValid()
        logs = {r["body"]["stringValue"]: r for r in self.receiver.logs()}
        self.assertEqual({"starting", "division failed", "outside"}, set(logs))
        self.assertEqual((trace_id, span_id, 9), (logs["starting"]["traceId"], logs["starting"]["spanId"],
                                                 logs["starting"]["severityNumber"]))
        failed = attributes(logs["division failed"]["attributes"])
        self.assertEqual((17, "ZeroDivisionError", "etl"), (logs["division failed"]["severityNumber"],
                                                           failed["exception.type"], failed["logger.name"]))
        self.assertNotIn("traceId", logs["outside"])

    def test_child_processes_continue_the_trace_and_keep_their_environment(self):
        env = self.env(BAGGAGE="run.id=42,team=data%20science")
        out = json.loads(harness.check(harness.run_python("parent_child.py", env)).stdout)
        self.assertValid()
        expected = "00-%s-%s-01" % (out["trace_id"], out["span_id"])
        explicit, patched, patched_env = out["children"]
        for child in out["children"]:
            self.assertEqual(expected, child["traceparent"])
            self.assertEqual("kept", child["keep"], "the rest of the environment is passed on")
            self.assertEqual({"run.id": "42", "team": "data science"}, child["baggage"])
        self.assertEqual("yes", patched_env["only_here"])
        for mode in ("explicit", "patched", "patched-env"):
            child_span = self.receiver.span("child-" + mode)
            self.assertEqual((out["trace_id"], out["span_id"]), (child_span["traceId"], child_span["parentSpanId"]))

    def test_subprocess_patching_can_be_switched_on_by_environment(self):
        out = harness.check(harness.run_python("patched_by_env.py", self.env(PIPELENS_PATCH_SUBPROCESS="1"))).stdout
        trace_id, span_id = out.split("\n")[0].split()
        self.assertEqual("00-%s-%s-01" % (trace_id, span_id), json.loads(out.split("\n")[1])["traceparent"])
        off = harness.check(harness.run_python("patched_by_env.py", self.env())).stdout
        self.assertIsNone(json.loads(off.split("\n")[1])["traceparent"], "off by default")

    def test_bearer_token_and_content_type_are_sent(self):
        harness.check(harness.run_python("retry.py", self.env(PIPELENS_TOKEN="s3cret")))
        (request,) = self.receiver.accepted("/v1/traces")
        self.assertEqual("Bearer s3cret", request.headers["authorization"])
        self.assertEqual("application/json", request.headers["content-type"])

    def test_retries_honour_retry_after_on_429_and_503(self):
        self.receiver.script(503, retry_after="1")
        self.receiver.script(429, retry_after="1")
        harness.check(harness.run_python("retry.py", self.env()))
        attempts = [r for r in self.receiver.requests if r.path == "/v1/traces"]
        self.assertEqual([503, 429, 200], [r.status for r in attempts])
        self.assertGreaterEqual(attempts[1].at - attempts[0].at, 0.95)
        self.assertGreaterEqual(attempts[2].at - attempts[1].at, 0.95)
        self.assertEqual([], harness.spool_files(self.spool))

    def test_rejected_payloads_are_dropped_not_spooled(self):
        self.receiver.script(400)
        result = harness.check(harness.run_python("retry.py", self.env()))
        self.assertIn("collector rejected traces with HTTP 400", result.stderr)
        self.assertEqual([], harness.spool_files(self.spool))

    def test_unreachable_collector_spools_and_the_next_process_sends_the_spool_first(self):
        down = harness.base_env(_closed_port_url(), self.spool)
        started = time.monotonic()
        result = harness.check(harness.run_python("spans.py", down))
        self.assertLess(time.monotonic() - started, 15, "an unreachable collector must not hold the script")
        self.assertIn("unreachable", result.stderr)
        spooled = harness.spool_files(self.spool)
        self.assertEqual({"traces"}, {name.split(".")[-2] for name in spooled})
        first_trace = json.loads(result.stdout)["trace_id"]

        harness.check(harness.run_python("retry.py", self.env()))
        self.assertValid()
        traces = self.receiver.accepted("/v1/traces")
        self.assertEqual(2, len(traces))
        self.assertEqual(first_trace, traces[0].body["resourceSpans"][0]["scopeSpans"][0]["spans"][0]["traceId"],
                         "the spooled payload goes first")
        self.assertEqual(["retried"], [s["name"] for s in traces[1].body["resourceSpans"][0]["scopeSpans"][0]["spans"]])
        self.assertEqual([], harness.spool_files(self.spool))

    def test_processes_replaying_one_spool_together_send_each_payload_once(self):
        down = harness.base_env(_closed_port_url(), self.spool, PIPELENS_BATCH_SIZE="1")
        harness.check(harness.run_python("many_spans.py", down, "30"))
        self.assertEqual(30, len([n for n in harness.spool_files(self.spool) if n.endswith(".traces.json")]))
        env = self.env()
        replayers = [subprocess.Popen([harness.PYTHON, os.path.join(harness.SCRIPTS, "many_spans.py"), "0"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(4)]
        for process in replayers:
            process.wait(60)
            self.assertEqual(0, process.returncode, process.stderr.read())
            process.stderr.close()
        names = [s["name"] for s in self.receiver.spans()]
        self.assertEqual(sorted("s%d" % i for i in range(30)), sorted(names), "every spooled span exactly once")
        self.assertEqual([], harness.spool_files(self.spool))

    def test_a_collector_that_never_answers_does_not_block_exit(self):
        with socket.socket() as silent:  # accepts connections (backlog) but never replies
            silent.bind(("127.0.0.1", 0))
            silent.listen(16)
            env = harness.base_env("http://127.0.0.1:%d" % silent.getsockname()[1], self.spool,
                                   PIPELENS_EXPORT_TIMEOUT="0.5", PIPELENS_EXIT_TIMEOUT="1.5")
            started = time.monotonic()
            harness.check(harness.run_python("spans.py", env))
            self.assertLess(time.monotonic() - started, 15, "bounded by PIPELENS_EXIT_TIMEOUT, not hanging")
        self.assertTrue(harness.spool_files(self.spool), "what could not be sent is kept")

    def test_zero_exit_budget_spools_instead_of_sending(self):
        result = harness.check(harness.run_python("retry.py", self.env(PIPELENS_EXIT_TIMEOUT="0")))
        self.assertEqual([], self.receiver.requests)
        self.assertEqual(["traces"], [n.split(".")[-2] for n in harness.spool_files(self.spool)])
        self.assertNotIn("unreachable", result.stderr, "running out of time is not an outage")

    def test_full_queue_drops_oldest_and_counts(self):
        env = harness.base_env(_closed_port_url(), self.spool, PIPELENS_QUEUE_SIZE="10", PIPELENS_BATCH_SIZE="1000")
        stats = json.loads(harness.check(harness.run_python("many_spans.py", env, "50")).stdout)
        self.assertEqual(40, stats["dropped_traces"])
        (name,) = [n for n in harness.spool_files(self.spool) if n.endswith(".traces.json")]
        with open(os.path.join(self.spool, name)) as handle:
            spans = handle.read()
        self.assertIn('"name":"s49"', spans, "newest kept")
        self.assertNotIn('"name":"s39"', spans, "oldest dropped")

    def test_spool_is_bounded(self):
        env = harness.base_env(_closed_port_url(), self.spool, PIPELENS_SPOOL_MAX_BYTES="20000",
                               PIPELENS_BATCH_SIZE="20")
        harness.check(harness.run_python("many_spans.py", env, "400"))
        files = harness.spool_files(self.spool)
        size = sum(os.path.getsize(os.path.join(self.spool, n)) for n in files)
        self.assertTrue(files)
        self.assertLessEqual(size, 20000)

    def test_model_samples_are_posted_to_the_api_port_in_the_drift_wire_format(self):
        env = self.env(PIPELENS_API_ENDPOINT=self.receiver.url)
        ok, trace_id = harness.check(harness.run_python("drift.py", env, "columns")).stdout.split()
        harness.check(harness.run_python("drift.py", env, "rows"))
        self.assertValid()
        first, second = (r.body for r in self.receiver.accepted("/v1/drift/samples"))
        self.assertEqual("True", ok)
        self.assertEqual(("churn", "3", trace_id), (first["model"], first["version"], first["trace_id"]))
        self.assertEqual({"age": [31, 45.5, None], "country": ["de", "fr", "de"]}, first["columns"])
        self.assertEqual(([0.2, 0.9, 0.4], [0, 1, 0]), (first["prediction"], first["label"]))
        self.assertTrue(first["timestamp_unix_nano"].isdigit())
        self.assertEqual(({"age": [30, None]}, [0.1, 0.8], "4"), (second["columns"], second["prediction"], second["version"]))
        self.assertNotIn("trace_id", second, "outside a span there is no trace to link")

    def test_invalid_model_samples_warn_by_default_and_raise_in_strict_mode(self):
        env = self.env(PIPELENS_API_ENDPOINT=self.receiver.url)
        result = harness.check(harness.run_python("drift.py", env, "mismatch"))
        self.assertEqual("False", result.stdout.strip())
        self.assertIn("need the same length, got age=3, prediction=2", result.stderr)
        strict = harness.check(harness.run_python("drift.py", dict(env, PIPELENS_STRICT="1"), "mismatch"), expect_rc=1)
        self.assertIn("ValueError: pipelens: all columns", strict.stderr)
        self.assertEqual([], self.receiver.accepted("/v1/drift/samples"))


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % probe.getsockname()[1]


if __name__ == "__main__":
    unittest.main()
