package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.EngineOptions;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.Series;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.promql.ast.MatrixSelector;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.eval.EvalValue.MatrixV;
import io.pipelens.alerts.promql.eval.EvalValue.SeriesItem;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads selectors from the source. Windows are left-open like Prometheus 3: an instant selector
 * sees {@code (t - lookback, t]}, a range selector {@code (t - range, t]}. A stale marker as the
 * latest sample hides the series.
 */
final class Selectors {
  private final SeriesSource source;
  private final EngineOptions options;
  private final QueryWindow window;

  private final SelectionPlan plan;
  private final Map<VectorSelector, Fetched> fetched = new HashMap<>();

  Selectors(SeriesSource source, EngineOptions options, QueryWindow window, SelectionPlan plan) {
    this.source = source;
    this.options = options;
    this.window = window;
    this.plan = plan;
  }

  long refTime(VectorSelector vs, long ts) {
    long base = vs.at() != null ? vs.at().resolve(window.startMs(), window.endMs()) : ts;
    return base - vs.offsetMs();
  }

  VectorV instant(VectorSelector vs, long ts) {
    long ref = refTime(vs, ts);
    List<VecItem> out = new ArrayList<>();
    for (Series s : select(vs, ref - options.lookbackDeltaMs() + 1, ref)) {
      Point last = s.points().get(s.points().size() - 1);
      if (!last.isStale()) {
        out.add(new VecItem(s.labels(), last.t(), last.v(), false));
      }
    }
    return new VectorV(out);
  }

  MatrixV range(MatrixSelector ms, long ts) {
    long ref = refTime(ms.selector(), ts);
    List<SeriesItem> out = new ArrayList<>();
    for (Series s : select(ms.selector(), ref - ms.rangeMs() + 1, ref)) {
      List<Point> pts = new ArrayList<>(s.points().size());
      for (Point p : s.points()) {
        if (!p.isStale()) {
          pts.add(p);
        }
      }
      if (!pts.isEmpty()) {
        out.add(new SeriesItem(s.labels(), pts, false));
      }
    }
    return new MatrixV(out, ms.rangeMs(), ref);
  }

  /** Points of the selector's series in [min, max], served from one fetch per selector and query. */
  private List<Series> select(VectorSelector vs, long min, long max) {
    Fetched f = fetched.get(vs);
    if (f == null || min < f.min || max > f.max) {
      long[] planned = plan == null ? null : plan.window(vs);
      long fetchMin = planned == null ? min : Math.min(min, planned[0]);
      long fetchMax = planned == null ? max : Math.max(max, planned[1]);
      List<Series> found = new ArrayList<>(source.select(vs.matchers(), fetchMin, fetchMax));
      found.removeIf(s -> s.points().isEmpty());
      found.sort(Comparator.comparing(Series::labels));
      f = new Fetched(fetchMin, fetchMax, found);
      fetched.put(vs, f);
    }
    List<Series> out = new ArrayList<>();
    for (Series s : f.series) {
      List<Point> pts = s.points();
      int from = firstAtOrAfter(pts, min);
      int to = firstAtOrAfter(pts, max + 1);
      if (from < to) {
        out.add(new Series(s.labels(), pts.subList(from, to)));
      }
    }
    return out;
  }

  private static int firstAtOrAfter(List<Point> pts, long t) {
    int lo = 0;
    int hi = pts.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pts.get(mid).t() < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private record Fetched(long min, long max, List<Series> series) {}
}
