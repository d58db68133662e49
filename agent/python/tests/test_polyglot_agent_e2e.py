"""Java (with the pipelens agent) -> python3 and Rscript -> grandchildren: one trace in the collector."""

import glob
import json
import os
import shutil
import unittest
import urllib.request

import collector
import harness

ORCHESTRATOR_TRACE = "5c0e1a7d00000000000000000000beef"
ORCHESTRATOR_SPAN = "00000000000000aa"
BUILD = collector.build_dir()
AGENT_JAR = os.environ.get("PIPELENS_JAVAAGENT_JAR") or next(iter(sorted(glob.glob(
    os.path.join(os.path.dirname(harness.PYTHON_ROOT), "target*", "pipelens-javaagent.jar")), key=os.path.getmtime,
    reverse=True)), None)
READY = BUILD is not None and AGENT_JAR is not None and os.path.exists(AGENT_JAR) and shutil.which("Rscript")

if not READY and os.environ.get("PIPELENS_REQUIRE_ALL"):
    raise RuntimeError("collector build, Java agent jar or Rscript missing, and PIPELENS_REQUIRE_ALL forbids skipping")


@unittest.skipUnless(READY, "needs the built collector, agent/target/pipelens-javaagent.jar and Rscript")
class PolyglotAgentEndToEndTest(unittest.TestCase):
    def test_java_python_and_r_steps_form_one_trace_with_the_r_error_linked(self):
        work = harness.temp_dir(self)
        server = collector.RealCollector(BUILD, os.path.join(work, "data"), os.path.join(work, "collector.log"))
        self.addCleanup(server.stop)
        server.start()
        env = harness.base_env(server.otlp_url, os.path.join(work, "spool"), R_LIBS=harness.r_library(),
                               TRACEPARENT="00-%s-%s-01" % (ORCHESTRATOR_TRACE, ORCHESTRATOR_SPAN),
                               OTEL_EXPORTER_OTLP_ENDPOINT=server.otlp_url, OTEL_SERVICE_NAME="scheduler",
                               OTEL_METRICS_EXPORTER="none", OTEL_LOGS_EXPORTER="none",
                               OTEL_BSP_SCHEDULE_DELAY="200")
        scripts = harness.SCRIPTS
        result = harness.check(harness.run(
            [collector.JAVA, "-javaagent:" + AGENT_JAR, os.path.join(scripts, "Scheduler.java"),
             harness.PYTHON, os.path.join(scripts, "features.py"), os.path.join(scripts, "child.py"),
             "Rscript", os.path.join(scripts, "score.R")], env, timeout=300))
        self.assertIn("features-exit=0 score-exit=1", result.stdout)

        collector.wait_until(lambda: server.metric("pipelens_ingest_items_accepted_total", signal="traces") >= 6,
                             60, "6 accepted spans")
        with urllib.request.urlopen("%s/api/traces/%s/errors" % (server.api_url, ORCHESTRATOR_TRACE),
                                    timeout=10) as response:
            errors = response.read().decode()
        server.stop()

        spans = server.query("SELECT name, span_id, parent_span_id, language, status_code, events FROM spans "
                             "WHERE trace_id = '%s'" % ORCHESTRATOR_TRACE)
        by_id = {s["span_id"]: s for s in spans}
        names = {s["name"]: s for s in spans}

        def parent_of(name):
            return by_id.get(names[name]["parent_span_id"], {}).get("name")

        execs = [s for s in spans if s["language"] == "java" and s["parent_span_id"] == ORCHESTRATOR_SPAN]
        self.assertEqual(2, len(execs), spans)
        self.assertIn(parent_of("features"), {e["name"] for e in execs})
        self.assertEqual("python", names["features"]["language"])
        self.assertEqual("features", parent_of("child-from-features"))
        self.assertEqual("r", names["score"]["language"])
        self.assertIn(parent_of("score"), {e["name"] for e in execs})
        self.assertEqual("score", parent_of("child-from-r"))
        self.assertNotEqual(by_id[names["features"]["parent_span_id"]]["span_id"],
                            by_id[names["score"]["parent_span_id"]]["span_id"])
        # The R failure: an exception event with the R call stack, the R exec span in ERROR.
        self.assertEqual("2", names["score"]["status_code"])
        (event,) = json.loads(names["score"]["events"])
        self.assertEqual("simpleError", event["attributes"]["exception.type"])
        self.assertIn("score_row(7)", event["attributes"]["exception.stacktrace"])
        self.assertEqual("2", by_id[names["score"]["parent_span_id"]]["status_code"])
        # ... and a structured error group linked to this trace in the collector's API.
        self.assertIn("bad row 7", errors)
        self.assertIn("simpleError", errors)


if __name__ == "__main__":
    unittest.main()
