"""Reporter worker: consumes run reports from the RabbitMQ queue `pipeline.reports`, writes each
to REPORT_DIR/run-N.json and replies on the message's reply_to queue. The caller's trace comes in
the AMQP `traceparent` header (written by the OpenTelemetry Java agent's RabbitMQ instrumentation).

Usage: python3 reporter.py AMQP_URI REPORT_DIR   (prints "reporter ready" once consuming)
"""

import json
import os
import signal
import sys

import pika

import pipelens
from trace_context import header, server_span

QUEUE = "pipeline.reports"


def main(uri, report_dir):
    os.makedirs(report_dir, exist_ok=True)
    connection = pika.BlockingConnection(pika.URLParameters(uri))
    channel = connection.channel()
    channel.queue_declare(QUEUE, durable=True)

    def on_message(ch, method, properties, body):
        headers = properties.headers or {}
        with server_span("%s process" % QUEUE, header(headers, "traceparent"), header(headers, "tracestate"),
                         kind="consumer", attributes={"messaging.system": "rabbitmq",
                                                      "messaging.destination.name": QUEUE}) as span:
            report = json.loads(body)
            path = os.path.join(report_dir, "run-%s.json" % report.get("run", "unknown"))
            with open(path, "w") as handle:
                json.dump(report, handle, indent=2)
            span.set_attribute("report.path", path)
            if properties.reply_to:
                ch.basic_publish("", properties.reply_to, path.encode(),
                                 pika.BasicProperties(correlation_id=properties.correlation_id))
            ch.basic_ack(method.delivery_tag)

    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(QUEUE, on_message)
    signal.signal(signal.SIGTERM, lambda *_: channel.stop_consuming())
    print("reporter ready", flush=True)
    try:
        channel.start_consuming()
    finally:
        pipelens.flush()
        try:
            connection.close()
        except Exception:
            pass


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: reporter.py AMQP_URI REPORT_DIR")
    main(sys.argv[1], sys.argv[2])
