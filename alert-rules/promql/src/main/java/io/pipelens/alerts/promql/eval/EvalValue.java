package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import java.util.List;

/** Intermediate values inside one evaluation step. */
public sealed interface EvalValue {

  record ScalarV(double v) implements EvalValue {}

  record StringV(String s) implements EvalValue {}

  /** Instant vector at one step. */
  record VectorV(List<VecItem> items) implements EvalValue {}

  /**
   * Range vector: series with points inside the window {@code (endMs - rangeMs, endMs]}; stale
   * markers already removed.
   */
  record MatrixV(List<SeriesItem> series, long rangeMs, long endMs) implements EvalValue {}

  /**
   * One vector element. {@code t} is the sample's own timestamp for raw selector output (needed by
   * timestamp()) and the step time otherwise. {@code dropName} marks that the metric name is to be
   * removed when the result leaves the engine (Prometheus's delayed name removal).
   */
  record VecItem(Labels labels, long t, double v, boolean dropName) {
    public VecItem withValue(double nv, long ts) {
      return new VecItem(labels, ts, nv, dropName);
    }

    /** Labels as seen by grouping and matching: without the name when it is to be dropped. */
    public Labels effectiveLabels() {
      return dropName ? labels.withoutMetricName() : labels;
    }
  }

  record SeriesItem(Labels labels, List<Point> points, boolean dropName) {}
}
