"""Java (with the pipelens agent) -> python3 and Rscript -> grandchildren: one trace in the collector.

The second test stops the collector between the pipeline's steps and restarts it on the same data
dir afterwards: the Java agent's spans go through `pipelens agent` (the upstream OTLP exporter
drops spans after a few retries, see docs/java-agent.md), the Python and R clients spool on their
own and `pipelens agent` delivers their spool once the collector is back. Nothing may be missing,
nothing stored twice.
"""

import glob
import json
import os
import shutil
import subprocess
import unittest
import urllib.request

import collector
import harness
from agent_process import AgentProcess

ORCHESTRATOR_TRACE = "5c0e1a7d00000000000000000000beef"
ORCHESTRATOR_SPAN = "00000000000000aa"
BUILD = collector.build_dir()
AGENT_JAR = os.environ.get("PIPELENS_JAVAAGENT_JAR") or next(iter(sorted(glob.glob(
    os.path.join(os.path.dirname(harness.PYTHON_ROOT), "target*", "pipelens-javaagent.jar")), key=os.path.getmtime,
    reverse=True)), None)
READY = BUILD is not None and AGENT_JAR is not None and os.path.exists(AGENT_JAR) and shutil.which("Rscript")
SPANS = 6  # 2 Java exec spans, features, child-from-features, score, child-from-r

if not READY and os.environ.get("PIPELENS_REQUIRE_ALL"):
    raise RuntimeError("collector build, Java agent jar or Rscript missing, and PIPELENS_REQUIRE_ALL forbids skipping")


@unittest.skipUnless(READY, "needs the built collector, agent/target/pipelens-javaagent.jar and Rscript")
class PolyglotAgentEndToEndTest(unittest.TestCase):
    def setUp(self):
        self.work = harness.temp_dir(self)
        self.server = collector.RealCollector(BUILD, os.path.join(self.work, "data"),
                                              os.path.join(self.work, "collector.log"))
        self.addCleanup(self.server.stop)
        self.server.start()

    def env(self, java_endpoint: str):
        return harness.base_env(self.server.otlp_url, os.path.join(self.work, "spool"), R_LIBS=harness.r_library(),
                                PIPELENS_API_ENDPOINT=self.server.api_url,
                                TRACEPARENT="00-%s-%s-01" % (ORCHESTRATOR_TRACE, ORCHESTRATOR_SPAN),
                                OTEL_EXPORTER_OTLP_ENDPOINT=java_endpoint, OTEL_SERVICE_NAME="scheduler",
                                OTEL_METRICS_EXPORTER="none", OTEL_LOGS_EXPORTER="none",
                                OTEL_BSP_SCHEDULE_DELAY="200")

    @staticmethod
    def scheduler_argv():
        scripts = harness.SCRIPTS
        return [collector.JAVA, "-javaagent:" + AGENT_JAR, os.path.join(scripts, "Scheduler.java"),
                harness.PYTHON, os.path.join(scripts, "features.py"), os.path.join(scripts, "child.py"),
                "Rscript", os.path.join(scripts, "score.R")]

    def accepted_spans(self) -> float:
        return self.server.metric("pipelens_ingest_items_accepted_total", signal="traces")

    def test_java_python_and_r_steps_form_one_trace_with_the_r_error_linked(self):
        result = harness.check(harness.run(self.scheduler_argv(), self.env(self.server.otlp_url), timeout=300))
        self.assertIn("features-exit=0 score-exit=1", result.stdout)
        collector.wait_until(lambda: self.accepted_spans() >= SPANS, 60, "%d accepted spans" % SPANS)
        self.assert_one_complete_trace()

    def test_nothing_is_lost_when_the_collector_stops_mid_run_and_comes_back(self):
        agent = AgentProcess(self.server.otlp_url, os.path.join(self.work, "agent-spool"),
                             os.path.join(self.work, "agent.log"), "--api-endpoint", self.server.api_url,
                             "--max-backoff-ms", "500", client_spool=os.path.join(self.work, "spool"))
        self.addCleanup(agent.stop)
        agent.start()
        stderr_path = os.path.join(self.work, "scheduler.stderr")
        with open(stderr_path, "wb") as stderr:  # a file: a full stderr pipe could stall the JVM
            scheduler = subprocess.Popen(self.scheduler_argv(), env=dict(self.env(agent.url), SCHEDULER_GATE="stdin"),
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True)
        self.addCleanup(lambda: scheduler.poll() is None and scheduler.kill())
        first = scheduler.stdout.readline()  # blocks until the first step is done (or the JVM fails)
        with open(stderr_path, errors="replace") as stderr:
            self.assertEqual("features-done\n", first, stderr.read())
        # exec python3, features, child-from-features: stored before the collector goes away
        collector.wait_until(lambda: self.accepted_spans() >= 3, 60, "the first step's 3 spans")

        self.server.stop()
        out, _ = scheduler.communicate("go\n", timeout=300)  # the second step runs with the collector down
        with open(stderr_path, errors="replace") as stderr:
            self.assertEqual(0, scheduler.returncode, stderr.read())
        self.assertIn("features-exit=0 score-exit=1", out)
        self.assertTrue(harness.spool_files(os.path.join(self.work, "spool")), "the R step spooled while down")
        collector.wait_until(lambda: agent.metric("pipelens_agent_spooled_total", "traces") >= 1, 60,
                             "the Java agent's last spans spooled by pipelens agent")

        self.server.start()  # same data dir, same ports
        collector.wait_until(lambda: agent.settled() and not harness.spool_files(os.path.join(self.work, "spool")),
                             90, "pipelens agent to deliver both spools")
        collector.wait_until(lambda: self.accepted_spans() >= SPANS - 3, 60, "the rest of the trace")
        self.assert_one_complete_trace()

    def assert_one_complete_trace(self):
        with urllib.request.urlopen("%s/api/traces/%s/errors" % (self.server.api_url, ORCHESTRATOR_TRACE),
                                    timeout=10) as response:
            errors = response.read().decode()
        self.server.stop()

        spans = self.server.query("SELECT name, span_id, parent_span_id, language, status_code, events FROM spans "
                                  "WHERE trace_id = '%s'" % ORCHESTRATOR_TRACE)
        ids = [s["span_id"] for s in spans]
        self.assertEqual(SPANS, len(ids), spans)
        self.assertEqual(len(ids), len(set(ids)), "no span stored twice")
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
