package io.pipelens.collector;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.store.SpanLogStore;

/**
 * The span log's meters on /metrics ({@code pipelens_store_span_log_*}, docs/metrics.md). Every
 * value is read from the store when scraped.
 */
final class SpanLogMeters {
  private SpanLogMeters() {}

  static void bindTo(MeterRegistry registry, SpanLogStore log) {
    Gauge.builder("pipelens.store.span.log.tail.spans", log, SpanLogStore::tailSpans)
        .description("Spans acknowledged from the span log and not yet loaded into DuckDB")
        .register(registry);
    Gauge.builder("pipelens.store.span.log.tail", log, SpanLogStore::tailBytes).baseUnit("bytes")
        .description("Encoded size of the spans not yet loaded (collector.store.span-log.max-tail-bytes)")
        .register(registry);
    Gauge.builder("pipelens.store.span.log", log, SpanLogStore::logBytes).baseUnit("bytes")
        .description("Bytes in the span log's segment files").register(registry);
    FunctionCounter.builder("pipelens.store.span.log.loads", log, SpanLogStore::loads)
        .description("Loads of the span log's tail into DuckDB").register(registry);
    FunctionCounter.builder("pipelens.store.span.log.loaded.spans", log, SpanLogStore::loadedSpans)
        .description("Spans loaded from the span log into DuckDB").register(registry);
    FunctionCounter.builder("pipelens.store.span.log.load", log, SpanLogStore::loadSeconds)
        .baseUnit("seconds").description("Time spent writing loads into DuckDB").register(registry);
    FunctionCounter.builder("pipelens.store.span.log.load.failures", log,
            SpanLogStore::loadFailures)
        .description("Loads into DuckDB that failed (they are retried)").register(registry);
  }
}
