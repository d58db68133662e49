package io.pipelens.collector.store;

/**
 * A span name used by a service together with the span kind it was recorded with (OTLP's number:
 * 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). A name recorded with two
 * kinds is two operations.
 */
public record Operation(String name, int kind) {}
