"""What `pipelens agent` accepts and how it merges requests into batches (no processes)."""

import json
import sys
import unittest

import harness

sys.path.insert(0, harness.PYTHON_ROOT)

from pipelens import _agent_payload as payloads  # noqa: E402
from pipelens._agent_payload import InvalidPayload  # noqa: E402


def field(number: int, body: bytes) -> bytes:
    """A length-delimited protobuf field (lengths < 128 here)."""
    return bytes([number << 3 | 2, len(body)]) + body


SPAN = field(5, b"x")  # Span.name
REQUEST = field(1, field(2, field(2, SPAN)))  # resource_spans { scope_spans { spans { name } } }


class AgentPayloadTest(unittest.TestCase):
    def test_protobuf_requests_merge_by_concatenation_and_garbage_is_refused_naming_the_problem(self):
        self.assertEqual(REQUEST, payloads.validate("traces", payloads.PROTOBUF, REQUEST).body)
        self.assertEqual(REQUEST + REQUEST, payloads.merge([REQUEST, REQUEST], "traces", payloads.PROTOBUF))
        for body, problem in ((REQUEST[:-1], "field 1 is 7 bytes long but only 6 remain"),
                              (b"\x0f", "wire type 7"), (b"\x02", "field number 0"), (b"\x08\xff", "inside a varint")):
            with self.assertRaises(InvalidPayload) as raised:
                payloads.validate("traces", payloads.PROTOBUF, body)
            self.assertIn(problem, str(raised.exception))

    def test_json_requests_merge_their_resource_arrays(self):
        a = json.dumps({"resourceLogs": [{"scopeLogs": [{"logRecords": [{"body": {"stringValue": "a"}}]}]}]}).encode()
        b = json.dumps({"resourceLogs": [{"scopeLogs": []}, {"scopeLogs": []}]}).encode()
        merged = json.loads(payloads.merge([a, b], "logs", payloads.JSON))
        self.assertEqual(json.loads(a)["resourceLogs"] + json.loads(b)["resourceLogs"], merged["resourceLogs"])
        self.assertTrue(payloads.is_empty(payloads.validate("logs", payloads.JSON, b"{}")))
        self.assertFalse(payloads.is_empty(payloads.validate("logs", payloads.JSON, a)))

    def test_model_samples_are_json_objects_with_model_version_and_columns_and_never_merged(self):
        body = b'{"model": "churn", "version": "3", "columns": {"age": [1]}}'
        self.assertEqual(body, payloads.validate("drift", payloads.JSON, body).body)
        self.assertEqual(body, payloads.merge([body, body], "drift", payloads.JSON))
        for bad, problem in ((b'{"model": "m", "version": "1", "columns": []}', "'columns' must be an object"),
                             (b"[]", "must be a JSON object"), (b"{", "not valid UTF-8 JSON")):
            with self.assertRaises(InvalidPayload) as raised:
                payloads.validate("drift", payloads.JSON, bad)
            self.assertIn(problem, str(raised.exception))
        with self.assertRaises(InvalidPayload):
            payloads.validate("drift", payloads.PROTOBUF, REQUEST)


if __name__ == "__main__":
    unittest.main()
