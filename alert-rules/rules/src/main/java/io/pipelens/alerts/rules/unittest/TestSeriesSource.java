package io.pipelens.alerts.rules.unittest;

import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.Series;
import io.pipelens.alerts.promql.SeriesSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage of one promtool test group: input series, visible only up to the current
 * evaluation time (promtool's lazy loader), plus everything the rules wrote.
 */
final class TestSeriesSource implements SeriesSource {
  final InMemorySeriesSource input = new InMemorySeriesSource();
  final InMemorySeriesSource output = new InMemorySeriesSource();
  long loadedTillMs;

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    List<Series> in = minTimeMs > loadedTillMs ? List.of()
        : input.select(matchers, minTimeMs, Math.min(maxTimeMs, loadedTillMs));
    List<Series> out = output.select(matchers, minTimeMs, maxTimeMs);
    if (in.isEmpty()) {
      return out;
    }
    if (out.isEmpty()) {
      return in;
    }
    Map<Labels, List<Point>> merged = new LinkedHashMap<>();
    for (Series s : in) {
      merged.computeIfAbsent(s.labels(), k -> new ArrayList<>()).addAll(s.points());
    }
    for (Series s : out) {
      merged.computeIfAbsent(s.labels(), k -> new ArrayList<>()).addAll(s.points());
    }
    List<Series> result = new ArrayList<>();
    merged.forEach((l, p) -> {
      p.sort(java.util.Comparator.comparingLong(Point::t));
      result.add(new Series(l, p));
    });
    return result;
  }
}
