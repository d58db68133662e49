package io.pipelens.alerts.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable in-memory {@link SeriesSource} for tests and the conformance runner. Appends are
 * cheapest in time order; an append at an existing timestamp replaces the value. Not thread-safe.
 */
public final class InMemorySeriesSource implements SeriesSource {
  private final Map<Labels, Store> series = new LinkedHashMap<>();

  public void append(Labels labels, long t, double v) {
    series.computeIfAbsent(labels, l -> new Store()).add(t, v);
  }

  public void clear() {
    series.clear();
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    List<Series> out = new ArrayList<>();
    for (Map.Entry<Labels, Store> e : series.entrySet()) {
      if (matchers.stream().allMatch(m -> m.matches(e.getKey()))) {
        List<Point> pts = e.getValue().range(minTimeMs, maxTimeMs);
        if (!pts.isEmpty()) {
          out.add(new Series(e.getKey(), pts));
        }
      }
    }
    return out;
  }

  private static final class Store {
    long[] ts = new long[16];
    double[] vs = new double[16];
    int n;

    void add(long t, double v) {
      if (n > 0 && ts[n - 1] == t) {
        vs[n - 1] = v;
        return;
      }
      int at = lowerBound(t);
      if (at < n && ts[at] == t) {
        vs[at] = v;
        return;
      }
      if (n == ts.length) {
        ts = java.util.Arrays.copyOf(ts, n * 2);
        vs = java.util.Arrays.copyOf(vs, n * 2);
      }
      System.arraycopy(ts, at, ts, at + 1, n - at);
      System.arraycopy(vs, at, vs, at + 1, n - at);
      ts[at] = t;
      vs[at] = v;
      n++;
    }

    List<Point> range(long min, long max) {
      int lo = lowerBound(min);
      List<Point> out = new ArrayList<>();
      for (int i = lo; i < n && ts[i] <= max; i++) {
        out.add(new Point(ts[i], vs[i]));
      }
      return out;
    }

    private int lowerBound(long t) {
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (ts[mid] < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
