"""`pipelens agent` as a real process between real client processes and a strict OTLP receiver.

The receiver stands in for the collector here (it checks every forwarded body against the OTLP
JSON mapping); test_polyglot_agent_e2e runs the agent in front of the real collector.
"""

import json
import os
import socket
import unittest

import agent_process
import collector
import harness
from agent_process import AgentProcess, post, spans_json
from receiver import Receiver

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


class AgentTest(unittest.TestCase):
    def setUp(self):
        self.work = harness.temp_dir(self)
        self.spool = os.path.join(self.work, "agent-spool")
        self.receiver = None

    def up(self, port: int = 0) -> Receiver:
        self.receiver = Receiver(port)
        self.addCleanup(self.receiver.close)
        return self.receiver

    def agent(self, endpoint: str, *options: str, client_spool: str = "none") -> AgentProcess:
        agent = AgentProcess(endpoint, self.spool, os.path.join(self.work, "agent-%d.log" % len(os.listdir(self.work))),
                             *options, client_spool=client_spool)
        self.addCleanup(agent.stop)
        return agent.start()

    def forwarded_span_ids(self):
        return [s["spanId"] for s in self.receiver.spans()]

    def test_answers_as_otlp_http_specifies(self):
        agent = self.agent(self.up().url)
        status, headers, body = post(agent.url + "/v1/traces", spans_json(TRACE, "ok"))
        self.assertEqual((200, b"{}"), (status, body))
        # an empty ExportTraceServiceRequest in protobuf: an empty ExportTraceServiceResponse back
        status, headers, body = post(agent.url + "/v1/traces", b"", "application/x-protobuf")
        self.assertEqual((200, "application/x-protobuf", b""), (status, headers["Content-Type"], body))

        status, _, body = post(agent.url + "/v1/traces", b'{"resourceSpans": {}}')
        self.assertEqual(400, status)
        self.assertEqual({"code": 3, "message": "/v1/traces application/json: 'resourceSpans' must be an array"},
                         json.loads(body))
        status, headers, body = post(agent.url + "/v1/logs", b"\x0a\x05ab", "application/x-protobuf")
        self.assertEqual((400, "application/x-protobuf"), (status, headers["Content-Type"]))
        self.assertIn(b"field 1 is 5 bytes long but only 2 remain", body)  # a google.rpc.Status message
        status, _, body = post(agent.url + "/v1/drift/samples", b'{"model": "churn"}')
        self.assertEqual(400, status)
        self.assertIn("'version', 'columns'", json.loads(body)["message"])
        status, _, body = post(agent.url + "/v1/metrics", b"x", "text/plain")
        self.assertEqual(415, status)
        self.assertIn("text/plain", json.loads(body)["message"])
        self.assertEqual(404, post(agent.url + "/v1/spans", b"{}")[0])

        small = self.agent(self.receiver.url, "--max-body-bytes", "100")
        status, _, body = post(small.url + "/v1/traces", spans_json(TRACE, "x" * 200))
        self.assertEqual(413, status)
        self.assertIn("larger than 100 bytes", json.loads(body)["message"])

        full = self.agent(self.receiver.url, "--queue-bytes", "0", "--spool-max-bytes", "0")
        status, headers, _ = post(full.url + "/v1/traces", spans_json(TRACE, "no room"))
        self.assertEqual((429, "1"), (status, headers.get("Retry-After")))

        self.receiver.await_(lambda: len(self.receiver.spans()) >= 1)
        self.assertEqual(["ok"], [s["name"] for s in self.receiver.spans()])

    def test_collector_down_then_up_every_request_arrives_exactly_once(self):
        port = collector.free_port()  # nothing listens there yet: the collector is down
        agent = self.agent("http://127.0.0.1:%d" % port, "--batch-delay-ms", "50", "--max-backoff-ms", "300")
        client_spool = os.path.join(self.work, "client-spool")
        env = agent_process.client_env(agent, client_spool)
        stats = json.loads(harness.check(harness.run_python("many_spans.py", env, "300")).stdout)
        self.assertEqual((0, 0), (stats.get("spooled_traces", 0), stats.get("dropped_traces", 0)), stats)
        result = json.loads(harness.check(harness.run_python("spans.py", env)).stdout)
        for i in range(20):  # and as a plain OTLP exporter would: one request per span
            self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "direct-%d" % i, first=i + 1))[0])
        collector.wait_until(lambda: agent.metric("pipelens_agent_spooled_total", "traces") > 0, 30, "spooled traces")
        self.assertEqual([], harness.spool_files(client_spool), "the clients were answered by the agent")

        receiver = self.up(port)
        collector.wait_until(agent.settled, 60, "the agent to forward its spool")
        ids = self.forwarded_span_ids()
        self.assertEqual(len(ids), len(set(ids)), "no span forwarded twice")
        self.assertEqual(300 + 4 + 20, len(ids))
        self.assertEqual({"pipeline", "load", "transform", "fails"},
                         {s["name"] for s in receiver.spans() if s["traceId"] == result["trace_id"]})
        self.assertEqual([], receiver.problems())
        self.assertGreater(agent.metric("pipelens_agent_replayed_total", "traces"), 0)

    def test_requests_beyond_the_memory_bound_wait_in_the_spool_and_still_arrive(self):
        receiver = self.up()
        agent = self.agent(receiver.url, "--queue-bytes", "0")
        for i in range(5):
            self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "overflow-%d" % i, first=i + 1))[0])
        self.assertEqual(5, agent.metric("pipelens_agent_spooled_total", "traces"))
        collector.wait_until(agent.settled, 30, "the spool to be sent")
        self.assertEqual(["overflow-%d" % i for i in range(5)], sorted(s["name"] for s in receiver.spans()))

    def test_a_busy_collector_is_retried_after_its_retry_after_and_gets_the_request_once(self):
        receiver = self.up()
        receiver.script(429, retry_after="1")
        agent = self.agent(receiver.url, "--batch-delay-ms", "0", "--max-backoff-ms", "50")
        self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "busy"))[0])
        collector.wait_until(agent.settled, 30, "the request to be delivered")
        refused, accepted = receiver.requests
        self.assertEqual((429, 200), (refused.status, accepted.status))
        self.assertGreaterEqual(accepted.at - refused.at, 0.95, "waited for Retry-After, not the 50 ms backoff")
        self.assertEqual(["busy"], [s["name"] for s in receiver.spans()])

    def test_sigterm_forwards_what_waits_in_memory(self):
        receiver = self.up()
        agent = self.agent(receiver.url, "--batch-delay-ms", "600000")  # would wait ten minutes
        self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "waiting"))[0])
        self.assertEqual([], receiver.spans())
        self.assertEqual(0, agent.terminate())
        self.assertEqual(["waiting"], [s["name"] for s in receiver.spans()])
        self.assertEqual([], agent_process.spool_names(self.spool))

    def test_sigterm_while_the_collector_is_down_keeps_everything_for_the_next_start(self):
        port = collector.free_port()
        endpoint = "http://127.0.0.1:%d" % port
        agent = self.agent(endpoint, "--batch-delay-ms", "600000")
        for i in range(3):
            self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "kept-%d" % i, first=i + 1))[0])
        self.assertEqual(0, agent.terminate())
        self.assertTrue(agent_process.spool_names(self.spool), "spooled at shutdown")

        receiver = self.up(port)
        again = self.agent(endpoint)
        collector.wait_until(again.settled, 30, "the next agent to send the spool")
        self.assertEqual(["kept-0", "kept-1", "kept-2"], sorted(s["name"] for s in receiver.spans()))

    def test_sigterm_while_a_send_hangs_keeps_that_batch_on_disk(self):
        hanging = socket.socket()  # accepts connections (backlog) but never answers
        self.addCleanup(hanging.close)
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(8)
        agent = self.agent("http://127.0.0.1:%d" % hanging.getsockname()[1], "--batch-delay-ms", "0",
                           "--shutdown-timeout-ms", "500")
        self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "in flight"))[0])
        collector.wait_until(lambda: agent.metric("pipelens_agent_queue_bytes") > 0, 10, "the send to start")
        self.assertEqual(0, agent.terminate(timeout=20))
        (name,) = agent_process.spool_names(self.spool)
        with open(os.path.join(self.spool, name), "rb") as spooled:
            self.assertIn(b'"in flight"', spooled.read())

    def test_a_full_spool_drops_the_oldest_requests_and_counts_them(self):
        port = collector.free_port()
        one = len(spans_json(TRACE, "request-00"))
        agent = self.agent("http://127.0.0.1:%d" % port, "--batch-delay-ms", "0", "--spool-max-bytes",
                           str(3 * one + one // 2), "--max-backoff-ms", "60000")
        for i in range(10):  # each request its own spool file (no batching: delay 0, one at a time)
            self.assertEqual(200, post(agent.url + "/v1/traces", spans_json(TRACE, "request-%02d" % i, first=i + 1))[0])
            collector.wait_until(lambda: agent.metric("pipelens_agent_spooled_total", "traces") == i + 1, 10,
                                 "request %d spooled" % i)
        self.assertEqual(7, agent.metric("pipelens_agent_spool_dropped_files_total"))
        self.assertEqual(7 * one, agent.metric("pipelens_agent_spool_dropped_bytes_total"))
        self.assertIn("dropped the 1 oldest files", agent.log())

        receiver = self.up(port)
        again = self.agent(receiver.url)  # a fresh agent: no backoff to wait out
        agent.terminate()
        collector.wait_until(again.settled, 30, "the spool to be sent")
        self.assertEqual(["request-07", "request-08", "request-09"], sorted(s["name"] for s in receiver.spans()))

    def test_drains_the_spool_clients_and_pipelens_run_leave_behind(self):
        client_spool = os.path.join(self.work, "client-spool")
        down = harness.base_env("http://127.0.0.1:%d" % collector.free_port(), client_spool,
                                PIPELENS_EXIT_TIMEOUT="2")
        result = json.loads(harness.check(harness.run_python("spans.py", down)).stdout)
        harness.check(harness.run([os.path.join(collector.REPO, "bin", "pipelens"), "run", "--", "true"], down))
        self.assertTrue(harness.spool_files(client_spool))

        receiver = self.up()
        agent = self.agent(receiver.url, client_spool=client_spool)
        collector.wait_until(lambda: not harness.spool_files(client_spool), 30, "the client spool to be drained")
        collector.wait_until(agent.settled, 30, "the agent to settle")
        names = {s["name"] for s in receiver.spans()}
        self.assertLessEqual({"pipeline", "load", "transform", "fails", "true"}, names)
        self.assertIn(result["trace_id"], {s["traceId"] for s in receiver.spans()})
        self.assertEqual([], receiver.problems())

    def test_bad_configuration_names_every_bad_value(self):
        result = harness.run([agent_process.LAUNCHER, "agent", "--listen", "localhost", "--batch-bytes", "-1",
                              "--endpoint", "ftp://x"], dict(os.environ))
        self.assertEqual(2, result.returncode)
        first = result.stderr.splitlines()[0]
        for expected in ("--listen='localhost': expected HOST:PORT", "--batch-bytes='-1': expected a whole number",
                         "--endpoint='ftp://x': expected an http(s) URL"):
            self.assertIn(expected, first)
        loop = harness.run([agent_process.LAUNCHER, "agent", "--listen", "127.0.0.1:4328", "--endpoint",
                            "http://127.0.0.1:4328"], dict(os.environ))
        self.assertEqual(2, loop.returncode)
        self.assertIn("points at the agent's own --listen", loop.stderr)


if __name__ == "__main__":
    unittest.main()
