package io.pipelens.collector.prom;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Series;
import io.pipelens.alerts.promql.SeriesSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Several sources read as one. A label set found in an earlier source hides the same label set in
 * later ones, so a series is never returned twice (PromQL would refuse duplicate label sets).
 */
final class CombinedSource implements SeriesSource {
  private final List<SeriesSource> sources;

  CombinedSource(List<SeriesSource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    List<Series> out = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    for (SeriesSource s : sources) {
      for (Series series : s.select(matchers, minTimeMs, maxTimeMs)) {
        if (seen.add(series.labels())) {
          out.add(series);
        }
      }
    }
    return out;
  }
}
