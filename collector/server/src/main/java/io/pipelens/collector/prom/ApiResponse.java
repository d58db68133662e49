package io.pipelens.collector.prom;

/** An HTTP status and a JSON body in Prometheus's {@code {"status": ...}} envelope. */
record ApiResponse(int status, String body) {}
