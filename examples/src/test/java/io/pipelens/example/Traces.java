package io.pipelens.example;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for a trace to reach the collector's store. */
final class Traces {
  /** Every service of a complete pipeline run. */
  static final Set<String> ALL_SERVICES = Set.of("scheduler", "features", "score-batch",
      "scoring-api", "segmenter", "reporter");

  private Traces() {}

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
