package io.pipelens.collector.ingest;

import io.pipelens.collector.store.GroupCommitWriter;
import io.pipelens.collector.store.QueueFullException;
import io.pipelens.collector.store.TelemetryBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every protocol handler hands its decoded batch: counts it, submits it to the {@link
 * GroupCommitWriter} without blocking, and completes (on the caller's Vert.x context) only when the
 * data is durable. Failures come back as {@link IngestError}: QUEUE_FULL when the write queue is at
 * its limit, UNAVAILABLE when shutting down or the store failed.
 */
public final class IngestSink {
  private static final Logger LOG = LoggerFactory.getLogger(IngestSink.class);

  private final GroupCommitWriter writer;
  private final IngestMetrics metrics;
  private final ThrottledWarn warn;

  private final Consumer<TelemetryBatch> stored;

  public IngestSink(GroupCommitWriter writer, IngestMetrics metrics) {
    this(writer, metrics, batch -> {});
  }

  /**
   * @param stored called with every batch once it is durable, on the caller's Vert.x context: must
   *     be cheap and never throw (hand real work to another thread)
   */
  public IngestSink(GroupCommitWriter writer, IngestMetrics metrics, Consumer<TelemetryBatch> stored) {
    this.writer = writer;
    this.metrics = metrics;
    this.stored = stored;
    this.warn = new ThrottledWarn(LOG, 10_000, Clock.systemUTC());
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /** The writer whose memory bound request bodies count toward while they are read ({@link BodyReader}). */
  public GroupCommitWriter memory() {
    return writer;
  }

  /**
   * @param invalid items of the same request already rejected by validation (counted here)
   */
  public Future<Void> submit(String signal, String protocol, TelemetryBatch batch, long invalid) {
    int items = batch.itemCount();
    metrics.received(signal, protocol, items + invalid);
    metrics.rejectedItems(signal, protocol, "invalid", invalid);
    if (items == 0) {
      return Future.succeededFuture();
    }
    Future<Void> done =
        Future.fromCompletionStage(writer.submit(forStore(batch)), Vertx.currentContext());
    return done.transform(
        ar -> {
          if (ar.succeeded()) {
            metrics.accepted(signal, protocol, items);
            stored.accept(batch);
            return Future.succeededFuture();
          }
          IngestError error = classify(ar.cause());
          metrics.rejectedItems(signal, protocol, error.kind().reason(), items);
          return Future.failedFuture(error);
        });
  }

  /**
   * For a store that {@link GroupCommitWriter#takesSpanBlocks takes span blocks}, the batch with
   * its spans encoded here, on the decoding thread, where they are still in cache: the store's
   * writer then only appends (see {@code SpanBlocks}). A span that cannot be encoded leaves the
   * batch as it was, for the writer to reject with the span named.
   */
  private TelemetryBatch forStore(TelemetryBatch batch) {
    if (!writer.takesSpanBlocks()) {
      return batch;
    }
    try {
      return batch.withSpanBlocks();
    } catch (IllegalArgumentException e) {
      return batch;
    }
  }

  private IngestError classify(Throwable cause) {
    if (cause instanceof QueueFullException) {
      LOG.debug("refused batch: {}", cause.getMessage());
      return new IngestError(IngestError.Kind.QUEUE_FULL, "collector is overloaded: " + cause.getMessage());
    }
    if (cause instanceof IllegalStateException) {
      return new IngestError(IngestError.Kind.UNAVAILABLE, "collector is shutting down");
    }
    warn.warn("store-write", "store write failed: " + cause);
    return new IngestError(IngestError.Kind.UNAVAILABLE, "storage is temporarily unavailable");
  }
}
