package io.pipelens.example;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for a trace to reach the collector's store. */
final class Traces {
  /** Every service of a complete pipeline run. */
  static final Set<String> ALL_SERVICES = Set.of("scheduler", "features", "score-batch",
      "scoring-api", "segmenter", "reporter");

  /** The spans of a complete run as {@code service:name}, sorted (what HappyRunIT saw). */
  static final List<String> RUN_SPANS = List.of(
      "features:build-features",
      "reporter:pipeline.reports process",
      "score-batch:score-batch",
      "scheduler:<default> publish",
      "scheduler:POST",
      "scheduler:basic.consume",
      "scheduler:exec Rscript",
      "scheduler:exec python3",
      "scheduler:pipeline-run",
      "scheduler:pipelens.example.Segmenter/Assign",
      "scheduler:queue.declare",
      "scheduler:queue.declare",
      "scheduler:step features",
      "scheduler:step generate",
      "scheduler:step report",
      "scheduler:step score-api",
      "scheduler:step score-batch",
      "scheduler:step segment",
      "scoring-api:POST /score",
      "segmenter:/pipelens.example.Segmenter/Assign");

  private Traces() {}

  static List<String> names(TraceView trace) {
    return trace.spans().stream().map(s -> s.service() + ":" + s.name()).sorted().toList();
  }

  static TraceView awaitServices(CollectorProcess collector, String traceId, Set<String> services,
      Duration timeout) {
    AtomicReference<TraceView> last = new AtomicReference<>();
    try {
      await("trace " + traceId + " with spans of " + services).atMost(timeout)
          .pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = collector.get("/api/traces/" + traceId);
            if (r.statusCode() != 200) {
              return false;
            }
            TraceView trace = TraceView.parse(r.body());
            last.set(trace);
            return trace.spansPerService().keySet().containsAll(services);
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; last seen:"
          + (last.get() == null ? " nothing" : last.get().summary()), e);
    }
    return last.get();
  }
}
