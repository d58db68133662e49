"""The R client run as real `Rscript` processes against the strict receiver (and with Python)."""

import json
import os
import unittest

import harness
from receiver import Receiver, attributes

PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN = "00f067aa0ba902b7"
_library = None


def setUpModule():
    global _library
    _library = harness.r_library()
    if _library is None:
        raise unittest.SkipTest("Rscript not installed (apt-get install r-base-core r-cran-jsonlite r-cran-curl)")


class RClientTest(unittest.TestCase):
    def setUp(self):
        self.receiver = Receiver()
        self.addCleanup(self.receiver.close)
        self.spool = os.path.join(harness.temp_dir(self), "spool")

    def env(self, endpoint=None, **extra):
        env = harness.base_env(endpoint or self.receiver.url, self.spool, R_LIBS=_library, **extra)
        env["PIPELENS_API_ENDPOINT"] = self.receiver.url
        return env

    def rscript(self, script, env, *args, expect_rc=0):
        result = harness.run(["Rscript", os.path.join(harness.SCRIPTS, script), *args], env, timeout=120)
        return harness.check(result, expect_rc)

    def test_spans_continue_the_parent_trace_and_errors_carry_the_r_call_stack(self):
        env = self.env(TRACEPARENT="00-%s-%s-01" % (PARENT_TRACE, PARENT_SPAN), PIPELENS_SERVICE_NAME="etl-r")
        caught, trace = self.rscript("spans.R", env).stdout.split("\n")[:2]
        self.assertEqual([], self.receiver.problems())
        self.assertEqual(("bad row 7", PARENT_TRACE), (caught.strip(), trace.strip()))
        root, load, fails = (self.receiver.span(n) for n in ("r-pipeline", "r-load", "r-fails"))
        self.assertEqual(PARENT_SPAN, root["parentSpanId"])
        self.assertEqual([root["spanId"]] * 2, [load["parentSpanId"], fails["parentSpanId"]])
        self.assertEqual((2, 3, {"code": 1}), (root["kind"], load["kind"], load["status"]))
        self.assertEqual({"rows": 3, "model": "churn"}, attributes(root["attributes"]))
        resource = root["resource"]
        self.assertEqual(("etl-r", "r", "pipelens"), (resource["service.name"], resource["telemetry.sdk.language"],
                                                      resource["telemetry.sdk.name"]))
        self.assertEqual(2, fails["status"]["code"])
        (event,) = fails["events"]
        attrs = attributes(event["attributes"])
        self.assertEqual(("exception", "simpleError", "bad row 7"),
                         (event["name"], attrs["exception.type"], attrs["exception.message"]))
        self.assertEqual(["load_rows()", "parse_row(7)", 'stop("bad row ", n)'],
                         attrs["exception.stacktrace"].split("\n")[-3:], "innermost call last")

    def test_uncaught_error_is_exported_and_r_still_reports_it(self):
        result = self.rscript("uncaught.R", self.env(), expect_rc=1)
        self.assertIn("disk quota exceeded", result.stderr)
        self.assertIn("Execution halted", result.stderr)
        work = self.receiver.span("r-work")
        self.assertEqual(["r-work"], [s["name"] for s in self.receiver.spans()], "recorded once, no extra error span")
        self.assertEqual(2, work["status"]["code"])
        self.assertIn("step_three()", attributes(work["events"][0]["attributes"])["exception.stacktrace"])
        (record,) = self.receiver.logs()
        self.assertEqual((work["traceId"], work["spanId"], 17), (record["traceId"], record["spanId"], record["severityNumber"]))

    def test_metrics_and_logs(self):
        self.rscript("metrics.R", self.env())
        self.assertEqual([], self.receiver.problems())
        metrics = {m["name"]: m for m in self.receiver.metrics()}
        self.assertEqual("7", metrics["r_rows"]["sum"]["dataPoints"][0]["asInt"])
        self.assertEqual({"step": "load"}, attributes(metrics["r_rows"]["sum"]["dataPoints"][0]["attributes"]))
        self.assertEqual("4", metrics["r_queue"]["gauge"]["dataPoints"][0]["asInt"])
        hist = metrics["r_seconds"]["histogram"]["dataPoints"][0]
        self.assertEqual((["1", "2", "1", "1"], "5", 56.25), (hist["bucketCounts"], hist["count"], hist["sum"]))
        (record,) = self.receiver.logs()
        self.assertEqual(("r says hi", 13, "r"), (record["body"]["stringValue"], record["severityNumber"],
                                                  record["resource"]["telemetry.sdk.language"]))

    def test_model_samples(self):
        trace = self.rscript("drift.R", self.env()).stdout.strip()
        self.assertEqual([], self.receiver.problems())
        (request,) = self.receiver.accepted("/v1/drift/samples")
        body = request.body
        self.assertEqual(("churn", "3", trace), (body["model"], body["version"], body["trace_id"]))
        self.assertEqual({"age": [31, 45.5, None], "country": ["de", "fr", "de"]}, body["columns"])
        self.assertEqual(([0.2, 0.9, 0.4], [0, 1, 0]), (body["prediction"], body["label"]))

    def test_r_parent_and_python_child_share_one_trace(self):
        out = self.rscript("parent.R", self.env(), harness.PYTHON, os.path.join(harness.SCRIPTS, "child.py")).stdout
        trace_id, span_id = out.split("\n")[0].split()
        child = json.loads(out.split("\n")[1])
        self.assertEqual("00-%s-%s-01" % (trace_id, span_id), child["traceparent"])
        python_child = self.receiver.span("child-from-r")
        self.assertEqual((trace_id, span_id), (python_child["traceId"], python_child["parentSpanId"]))
        self.assertEqual("python", python_child["resource"]["telemetry.sdk.language"])
        self.assertEqual(trace_id, self.receiver.span("r-parent")["traceId"])

    def test_r_spools_when_down_and_python_replays_it_first(self):
        down = self.env(endpoint="http://127.0.0.1:9")
        result = self.rscript("many.R", down, "3")
        self.assertIn("unreachable", result.stderr)
        self.assertTrue(harness.spool_files(self.spool))
        harness.check(harness.run_python("retry.py", harness.base_env(self.receiver.url, self.spool)))
        first = self.receiver.accepted("/v1/traces")[0].body["resourceSpans"][0]
        self.assertEqual("r", attributes(first["resource"]["attributes"])["telemetry.sdk.language"])
        self.assertEqual(["r1", "r2", "r3"], [s["name"] for s in first["scopeSpans"][0]["spans"]])
        self.assertEqual([], harness.spool_files(self.spool))

    def test_retry_after_is_honoured(self):
        self.receiver.script(503, retry_after="1")
        self.rscript("many.R", self.env(), "1")
        attempts = [r for r in self.receiver.requests if r.path == "/v1/traces"]
        self.assertEqual([503, 200], [r.status for r in attempts])
        self.assertGreaterEqual(attempts[1].at - attempts[0].at, 0.95)


if __name__ == "__main__":
    unittest.main()
