package io.pipelens.collector.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipelens.collector.store.GroupCommitWriter;
import java.util.concurrent.TimeUnit;

/**
 * The collector's own ingest metrics (exposed on {@code /metrics}): items received, accepted and
 * rejected by reason, per signal ({@code traces}, {@code metrics}, {@code logs}) and protocol
 * ({@code otlp_http}, {@code otlp_grpc}, {@code zipkin}); refused requests by reason; commit sizes
 * and latency. Thread-safe.
 */
public final class IngestMetrics implements GroupCommitWriter.Listener {
  private final MeterRegistry registry;
  private final DistributionSummary commitItems;
  private final DistributionSummary commitBatches;
  private final DistributionSummary commitBytes;
  private final Timer commitLatency;
  private final Counter commitFailures;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.commitItems = DistributionSummary.builder("pipelens.store.commit.items")
        .description("Items written per store commit").register(registry);
    this.commitBatches = DistributionSummary.builder("pipelens.store.commit.batches")
        .description("Requests (batches) grouped into one store commit").register(registry);
    this.commitBytes = DistributionSummary.builder("pipelens.store.commit.bytes")
        .baseUnit("bytes").description("Decoded request bytes per store commit").register(registry);
    this.commitLatency = Timer.builder("pipelens.store.commit.latency")
        .description("Time to write and make one commit durable").register(registry);
    this.commitFailures = Counter.builder("pipelens.store.commit.failures")
        .description("Store commits that failed").register(registry);
  }

  public void received(String signal, String protocol, long items) {
    Counter.builder("pipelens.ingest.items.received").description("Items (spans, log records, "
            + "metric points) received, valid or not").tags("signal", signal, "protocol", protocol)
        .register(registry).increment(items);
  }

  public void accepted(String signal, String protocol, long items) {
    Counter.builder("pipelens.ingest.items.accepted").description("Items durably stored")
        .tags("signal", signal, "protocol", protocol).register(registry).increment(items);
  }

  /** Items refused; {@code reason} is e.g. {@code invalid}, {@code queue_full}. */
  public void rejectedItems(String signal, String protocol, String reason, long items) {
    if (items > 0) {
      Counter.builder("pipelens.ingest.items.rejected").description("Items refused, by reason")
          .tags("signal", signal, "protocol", protocol, "reason", reason)
          .register(registry).increment(items);
    }
  }

  /** Whole requests refused before their items could be counted (undecodable, too large...). */
  public void rejectedRequest(String signal, String protocol, String reason) {
    Counter.builder("pipelens.ingest.requests.rejected")
        .description("Whole requests refused before their items could be counted, by reason")
        .tags("signal", signal, "protocol", protocol, "reason", reason).register(registry).increment();
  }

  @Override
  public void committed(int batches, int items, long bytes, long nanos) {
    commitBatches.record(batches);
    commitItems.record(items);
    commitBytes.record(bytes);
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failed(int batches, Throwable error) {
    commitFailures.increment();
  }
}
