"""Python and R clients against a real pipelens collector: what the collector stored."""

import json
import os
import unittest

import collector
import harness

ORCHESTRATOR_TRACE = "0af7651916cd43dd8448eb211c80319c"
ORCHESTRATOR_SPAN = "b7ad6b7169203331"
BUILD = collector.build_dir()


if BUILD is None and os.environ.get("PIPELENS_REQUIRE_ALL"):
    raise RuntimeError("collector build not found, and PIPELENS_REQUIRE_ALL forbids skipping these tests")


@unittest.skipIf(BUILD is None, "collector not built (./mvnw -q -B install -DskipTests, or set PIPELENS_COLLECTOR_BUILD)")
class CollectorEndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r_library = harness.r_library()  # None without Rscript: the R parts are left out
        cls.r = cls.r_library is not None

    def setUp(self):
        work = harness.temp_dir(self)
        self.spool = os.path.join(work, "spool")
        self.collector = collector.RealCollector(BUILD, os.path.join(work, "data"), os.path.join(work, "collector.log"))
        self.addCleanup(self.collector.stop)

    def env(self, **extra):
        env = harness.base_env(self.collector.otlp_url, self.spool, PIPELENS_API_ENDPOINT=self.collector.api_url,
                               **extra)
        if self.r:
            env["R_LIBS"] = self.r_library
        return env

    def rscript(self, script, env, *args):
        return harness.check(harness.run(["Rscript", os.path.join(harness.SCRIPTS, script), *args], env, timeout=120))

    def test_a_polyglot_run_is_stored_as_one_trace_with_errors_metrics_and_logs(self):
        self.collector.start()
        parent = self.env(TRACEPARENT="00-%s-%s-01" % (ORCHESTRATOR_TRACE, ORCHESTRATOR_SPAN))
        harness.check(harness.run_python("spans.py", parent))
        harness.check(harness.run_python("metrics.py", parent))
        job_trace = harness.check(harness.run_python("logs.py", self.env())).stdout.split()[0]
        expected_spans = 5
        if self.r:
            self.rscript("spans.R", parent)
            self.rscript("metrics.R", parent)
            expected_spans += 3
        collector.wait_until(lambda: self.collector.metric("pipelens_ingest_items_accepted_total", signal="traces")
                             >= expected_spans, 30, "%d accepted spans" % expected_spans)
        self.collector.stop()

        spans = {row["name"]: row for row in self.collector.query(
            "SELECT name, span_id, parent_span_id, language, service_name, status_code, events FROM spans "
            "WHERE trace_id = '%s'" % ORCHESTRATOR_TRACE)}
        python_names = {"pipeline", "load", "transform", "fails"}
        self.assertLessEqual(python_names, set(spans))
        self.assertEqual(ORCHESTRATOR_SPAN, spans["pipeline"]["parent_span_id"])
        self.assertEqual(("python", "spans", "2"), (spans["fails"]["language"], spans["fails"]["service_name"],
                                                    spans["fails"]["status_code"]))
        (event,) = json.loads(spans["fails"]["events"])
        self.assertEqual(("exception", "ValueError"), (event["name"], event["attributes"]["exception.type"]))
        self.assertIn("in parse_row", event["attributes"]["exception.stacktrace"])
        metric_rows = self.collector.query("SELECT name, language, value, count FROM metric_points "
                                           "WHERE name IN ('rows_processed', 'r_rows', 'step_seconds', 'r_seconds')")
        values = {(r["name"], r["language"]) for r in metric_rows}
        self.assertIn(("rows_processed", "python"), values)
        self.assertIn("17.5", {r["value"] for r in metric_rows if r["name"] == "rows_processed"})
        logs = self.collector.query("SELECT body, trace_id, severity_number FROM logs WHERE trace_id = '%s'" % job_trace)
        self.assertIn("starting", " ".join(r["body"] for r in logs))
        if self.r:
            self.assertEqual(ORCHESTRATOR_SPAN, spans["r-pipeline"]["parent_span_id"])
            self.assertEqual(("r", "2"), (spans["r-fails"]["language"], spans["r-fails"]["status_code"]))
            (r_event,) = json.loads(spans["r-fails"]["events"])
            self.assertEqual("simpleError", r_event["attributes"]["exception.type"])
            self.assertTrue(r_event["attributes"]["exception.stacktrace"].endswith('parse_row(7)\nstop("bad row ", n)'))
            self.assertIn(("r_rows", "r"), values)
            self.assertIn("7.0", {r["value"] for r in metric_rows if r["name"] == "r_rows"})

    def test_telemetry_spooled_while_the_collector_is_down_arrives_after_it_starts(self):
        result = harness.check(harness.run_python("spans.py", self.env()))  # nothing listens yet
        self.assertIn("unreachable", result.stderr)
        offline_trace = json.loads(result.stdout)["trace_id"]
        self.assertTrue(harness.spool_files(self.spool))
        self.collector.start()
        if self.r:
            self.rscript("many.R", self.env(), "1")  # the R client replays Python's spool
        else:
            harness.check(harness.run_python("retry.py", self.env()))
        self.assertEqual([], harness.spool_files(self.spool))
        self.collector.stop()
        names = {r["name"] for r in self.collector.query(
            "SELECT name FROM spans WHERE trace_id = '%s'" % offline_trace)}
        self.assertEqual({"pipeline", "load", "transform", "fails"}, names)

    def test_ingest_token_is_sent_and_a_wrong_one_is_reported(self):
        self.collector.settings["PIPELENS_COLLECTOR_AUTH_INGEST_TOKEN"] = "right-token"
        self.collector.start()
        good = harness.check(harness.run_python("retry.py", self.env(PIPELENS_TOKEN="right-token")))
        bad = harness.check(harness.run_python("retry.py", self.env(PIPELENS_TOKEN="wrong")))
        self.assertNotIn("rejected", good.stderr)
        self.assertIn("collector rejected traces with HTTP 401", bad.stderr)
        self.assertIn("check PIPELENS_TOKEN", bad.stderr)
        self.assertEqual([], harness.spool_files(self.spool), "a rejected token is not retried from the spool")
        if self.r:
            r_bad = self.rscript("many.R", self.env(PIPELENS_TOKEN="wrong"), "1")
            self.assertIn("collector rejected traces with HTTP 401", r_bad.stderr)
            self.assertIn("check PIPELENS_TOKEN", r_bad.stderr)
            self.rscript("many.R", self.env(PIPELENS_TOKEN="right-token"), "1")
        self.collector.stop()
        names = [r["name"] for r in self.collector.query("SELECT name FROM spans ORDER BY name")]
        self.assertEqual(["r1", "retried"] if self.r else ["retried"], names)


if __name__ == "__main__":
    unittest.main()
