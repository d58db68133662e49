"""Unit tests: trace-context parsing, OTLP JSON encoding and the strict checker used by the receiver."""

import copy
import json
import os
import sys
import tempfile
import unittest

import conformance
import harness
import otlp_json

sys.path.insert(0, harness.PYTHON_ROOT)
os.environ.update(PIPELENS_SPOOL_DIR=os.path.join(tempfile.gettempdir(), "pipelens-unit-spool"), PIPELENS_EXIT_TIMEOUT="0",
                  PIPELENS_ENDPOINT="http://127.0.0.1:9")  # importing pipelens here must not touch a real spool
from pipelens import _config, _drift, _http, _ids, _otlp  # noqa: E402


class TraceparentTest(unittest.TestCase):
    def test_valid_header_gives_a_remote_parent(self):
        ctx = _ids.parse_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-00", "a=b")
        self.assertEqual(("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 0, "a=b", True), tuple(ctx))

    def test_invalid_headers_are_ignored(self):
        for value in ("", "garbage", "00-%s-00f067aa0ba902b7-01" % ("0" * 32), "00-4bf92f3577b34da6a3ce929d0e0e4736-%s-01" % ("0" * 16),
                      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"):
            self.assertIsNone(_ids.parse_traceparent(value), value)

    def test_future_versions_may_append_fields(self):
        self.assertIsNotNone(_ids.parse_traceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what"))

    def test_baggage_round_trip(self):
        parsed = _ids.parse_baggage("a=1;prop=x, b = two%20words ,broken")
        self.assertEqual({"a": "1", "b": "two words"}, parsed)
        self.assertEqual(parsed, _ids.parse_baggage(_ids.format_baggage(parsed)))


class EncodingTest(unittest.TestCase):
    def test_any_value_mapping(self):
        self.assertEqual({"intValue": "9007199254740993"}, _otlp.any_value(9007199254740993))
        self.assertEqual({"doubleValue": "NaN"}, _otlp.any_value(float("nan")))
        self.assertEqual({"boolValue": True}, _otlp.any_value(True))
        self.assertEqual({"bytesValue": "AAE="}, _otlp.any_value(b"\x00\x01"))
        self.assertEqual({"kvlistValue": {"values": [{"key": "k", "value": {"arrayValue": {"values": [{"intValue": "1"}]}}}]}},
                         _otlp.any_value({"k": [1]}))
        self.assertEqual({"stringValue": str(2**70)}, _otlp.any_value(2**70), "out of int64 range")

    def test_api_endpoint_defaults_to_port_8080_of_the_otlp_host(self):
        self.assertEqual("https://collector.local:8080", _config._default_api_endpoint("https://collector.local:4318"))
        self.assertEqual("http://[::1]:8080", _config._default_api_endpoint("http://[::1]:4318"))

    def test_resource_attributes_env(self):
        self.assertEqual({"a": "1", "b": "x y"}, _config.parse_resource_attributes("a=1, b=x%20y,,bad"))

    def test_retry_after_forms(self):
        self.assertEqual(3.0, _http.retry_after_seconds("3"))
        self.assertEqual(0.0, _http.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"))
        self.assertIsNone(_http.retry_after_seconds("soon"))


class DriftBodyTest(unittest.TestCase):
    def test_wire_format(self):
        body = json.loads(_drift.samples_body("churn", 3, {"age": [31, 45.5, None], "country": ["de", "fr", "de"]},
                                              prediction=[0.2, 0.9, 0.4], label=[0, 1, True], timestamp_ns=1700000000000000000))
        self.assertEqual([], otlp_json.check_drift(body))
        batch_id = body.pop("batch_id")
        self.assertRegex(batch_id, "^[0-9a-f]{32}$")
        again = json.loads(_drift.samples_body("churn", 3, {"age": [31]}))
        self.assertNotEqual(batch_id, again["batch_id"], "each batch has its own id; only re-sends share one")
        self.assertEqual({"model": "churn", "version": "3", "timestamp_unix_nano": "1700000000000000000",
                          "columns": {"age": [31, 45.5, None], "country": ["de", "fr", "de"]},
                          "prediction": [0.2, 0.9, 0.4], "label": [0, 1, 1]}, body)
        self.assertEqual([], otlp_json.check_drift(body))

    def test_bad_input_names_what_is_wrong(self):
        cases = [
            (("", 1, {"a": [1]}), "model must be a non-empty string"),
            (("m", None, {"a": [1]}), "version must be given"),
            (("m", 1, {}), "columns must be a non-empty mapping"),
            (("m", 1, {"a": "abc"}), "column 'a' must be a list"),
            (("m", 1, {"a": [1, object()]}), "column 'a' holds"),
            (("m", 1, {"a": [1, 2], "b": [1]}), "a=2, b=1"),
        ]
        for args, message in cases:
            with self.assertRaises(ValueError) as caught:
                _drift.samples_body(*args)
            self.assertIn(message, str(caught.exception))

    def test_pandas_and_numpy_inputs(self):
        try:
            import numpy
            import pandas
        except ImportError:
            self.skipTest("pandas not installed (Debian: python3-pandas, for /usr/bin/python3)")
        frame = pandas.DataFrame({"age": [31, 45.5, numpy.nan], "country": ["de", "fr", None],
                                  "n": numpy.array([1, 2, 3], dtype="int64"),
                                  "flag": pandas.array([True, None, False], dtype="boolean")})
        body = json.loads(_drift.samples_body("m", numpy.int64(2), frame, prediction=numpy.array([0.1, 0.2, 0.3]),
                                              label=pandas.Series([0, 1, 0])))
        self.assertEqual({"age": [31.0, 45.5, None], "country": ["de", "fr", None], "n": [1, 2, 3],
                          "flag": [1, None, 0]}, body["columns"])
        self.assertEqual(("2", [0.1, 0.2, 0.3], [0, 1, 0]), (body["version"], body["prediction"], body["label"]))
        with self.assertRaisesRegex(ValueError, "column 'when' holds .*Timestamp"):
            _drift.samples_body("m", 1, pandas.DataFrame({"when": pandas.to_datetime(["2024-01-01"])}))

    def test_rows(self):
        parts = _drift.rows_to_columns([{"x": 1, "prediction": 0.5}, {"y": "a", "label": 1}])
        self.assertEqual({"columns": {"x": [1, None], "y": [None, "a"]}, "prediction": [0.5, None], "label": [None, 1]}, parts)


@unittest.skipIf(conformance.directory() is None, "shared/conformance not found next to the repository")
class CheckerTest(unittest.TestCase):
    """The checker accepts upstream's OTLP JSON examples and rejects what clients get wrong."""

    def load(self, name):
        with open(os.path.join(conformance.directory(), "otlp", name)) as handle:
            return json.load(handle)

    def test_upstream_examples_are_valid(self):
        for name, path in (("trace.json", "/v1/traces"), ("metrics.json", "/v1/metrics"),
                           ("logs.json", "/v1/logs"), ("events.json", "/v1/logs")):
            self.assertEqual([], otlp_json.check_otlp(path, self.load(name)), name)

    def test_typical_mistakes_are_rejected(self):
        trace = self.load("trace.json")
        span = lambda body: body["resourceSpans"][0]["scopeSpans"][0]["spans"][0]
        mutations = {
            "startTimeUnixNano": lambda s: s.update(startTimeUnixNano=1544712660000000000),
            "traceId": lambda s: s.update(traceId="W4j/95gDgQPSabYzgT/GDA=="),
            "spanId": lambda s: s.update(spanId="eee19b7ec3c1b1"),
            "kind": lambda s: s.update(kind="SPAN_KIND_SERVER"),
            "start_time_unix_nano": lambda s: s.update(start_time_unix_nano="1"),
            "intValue": lambda s: s.update(attributes=[{"key": "n", "value": {"intValue": 3}}]),
        }
        for expected, mutate in mutations.items():
            body = copy.deepcopy(trace)
            mutate(span(body))
            problems = otlp_json.check_otlp("/v1/traces", body)
            self.assertTrue(any(expected in p for p in problems), (expected, problems))


if __name__ == "__main__":
    unittest.main()
