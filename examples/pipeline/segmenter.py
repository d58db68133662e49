"""Segmenter worker: a gRPC service (Struct in, Struct out; see segmenter.proto) that puts each
customer in a segment from its visits and churn score. The caller's trace comes in the
`traceparent` metadata entry. Logs its inputs and outputs for drift (model "segmenter").

Usage: python3 segmenter.py PORT   (prints "segmenter ready on PORT" once serving)
"""

import signal
import sys
from concurrent import futures

import grpc
from google.protobuf import json_format, struct_pb2

import pipelens
from trace_context import server_span

METHOD = "/pipelens.example.Segmenter/Assign"


def segment(row):
    if row.get("churn", 0) >= 0.6:
        return "at-risk"
    return "loyal" if row.get("visits", 0) >= 7 else "casual"


def assign(request, context):
    metadata = dict(context.invocation_metadata())
    with server_span(METHOD, metadata.get("traceparent"), metadata.get("tracestate"),
                     attributes={"rpc.system": "grpc", "rpc.service": "pipelens.example.Segmenter",
                                 "rpc.method": "Assign"}) as span:
        body = json_format.MessageToDict(request)
        rows = body.get("rows", [])
        if not rows:
            span.set_status("error", "no rows")
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "request: expected a non-empty 'rows' list")
        segments = [segment(r) for r in rows]
        counts = {}
        for s in segments:
            counts[s] = counts.get(s, 0) + 1
        pipelens.log_model_samples("segmenter", "1", {"visits": [r.get("visits") for r in rows],
                                                      "churn": [r.get("churn") for r in rows]},
                                   prediction=segments)
        span.set_attributes({"rows": len(rows), "run": int(body.get("run", 0))})
        reply = struct_pb2.Struct()
        reply.update({"counts": counts, "segments": segments})
        return reply


def main(port):
    handler = grpc.method_handlers_generic_handler("pipelens.example.Segmenter", {
        "Assign": grpc.unary_unary_rpc_method_handler(
            assign, request_deserializer=struct_pb2.Struct.FromString,
            response_serializer=struct_pb2.Struct.SerializeToString)})
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), handlers=(handler,))
    server.add_insecure_port("127.0.0.1:%d" % port)
    server.start()
    signal.signal(signal.SIGTERM, lambda *_: server.stop(5))
    print("segmenter ready on %d" % port, flush=True)
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(5)
        pipelens.flush()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: segmenter.py PORT")
    main(int(sys.argv[1]))
