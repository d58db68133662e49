package io.pipelens.collector.ingest;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.collector.store.GroupCommitWriter;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import io.pipelens.collector.store.TelemetryFixtures;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What ingest hands the store's writer. */
class IngestSinkTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void spansAreEncodedBeforeTheWriterForAStoreThatTakesBlocks() throws Exception {
    List<TelemetryBatch> written = submitTo(true, spans(2, 3));

    assertThat(written).hasSize(1);
    assertThat(written.get(0).spanBlocks()).isNotNull();
    assertThat(written.get(0).spanBlocks().spanCount()).isEqualTo(6);
  }

  @Test
  void otherStoresGetTheSpansAsDecoded() throws Exception {
    List<TelemetryBatch> written = submitTo(false, spans(2, 3));

    assertThat(written).hasSize(1);
    assertThat(written.get(0).spanBlocks()).isNull();
    assertThat(written.get(0).spans()).hasSize(6);
  }

  @Test
  void aSpanThatCannotBeEncodedReachesTheWriterUnencodedToBeNamedThere() throws Exception {
    List<SpanRecord> spans = spans(1, 1);
    SpanRecord s = spans.get(0);
    spans.set(0, new SpanRecord(s.traceId(), s.spanId(), s.parentSpanId(), s.traceState(),
        s.flags(), s.name(), s.kind(), s.startEpochNanos(), s.endEpochNanos(), s.statusCode(),
        s.statusMessage(), s.serviceName(), s.language(), s.resource(),
        s.scopeName(), s.scopeVersion(), java.util.Map.of("odd", new Object()), s.events(),
        s.links()));

    List<TelemetryBatch> written = submitTo(true, spans);

    assertThat(written).hasSize(1);
    assertThat(written.get(0).spanBlocks()).isNull();
  }

  private List<TelemetryBatch> submitTo(boolean takesBlocks, List<SpanRecord> spans)
      throws Exception {
    List<TelemetryBatch> written = new CopyOnWriteArrayList<>();
    // Only what the writer calls: write, and whether the store takes encoded blocks.
    TelemetryStore store = (TelemetryStore) Proxy.newProxyInstance(
        TelemetryStore.class.getClassLoader(), new Class<?>[] {TelemetryStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "write" -> {
            @SuppressWarnings("unchecked")
            List<TelemetryBatch> batches = (List<TelemetryBatch>) args[0];
            written.addAll(batches);
            yield null;
          }
          case "takesSpanBlocks" -> takesBlocks;
          case "close" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
    GroupCommitWriter writer = new GroupCommitWriter(store, 1 << 20, 1 << 20, null);
    try {
      IngestSink sink = new IngestSink(writer, new IngestMetrics(new SimpleMeterRegistry()));
      CompletableFuture<Void> done = new CompletableFuture<>();
      vertx.runOnContext(v -> sink.submit("traces", "test", TelemetryBatch.ofSpans(spans, 1000), 0)
          .onComplete(ar -> {
            if (ar.succeeded()) {
              done.complete(null);
            } else {
              done.completeExceptionally(ar.cause());
            }
          }));
      done.get(10, TimeUnit.SECONDS);
    } finally {
      writer.close();
    }
    return written;
  }

  private static List<SpanRecord> spans(int traces, int perTrace) {
    List<SpanRecord> out = new ArrayList<>();
    for (int t = 1; t <= traces; t++) {
      for (int i = 0; i < perTrace; i++) {
        out.add(TelemetryFixtures.span(traceId(t), t * 100L + i, "", T0 + i));
      }
    }
    return out;
  }
}
