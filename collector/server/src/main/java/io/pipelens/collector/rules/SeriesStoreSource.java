package io.pipelens.collector.rules;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.Series;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.rules.eval.Appendable;
import io.pipelens.collector.series.AppendResult;
import io.pipelens.collector.series.Sample;
import io.pipelens.collector.series.SeriesSamples;
import io.pipelens.collector.series.SeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The collector's {@link SeriesStore} seen by the PromQL engine ({@link SeriesSource}) and by rule
 * evaluation as its output sink ({@link Appendable}): recording rules, {@code ALERTS} and stale
 * markers are appended to the same store, so later rules and /metrics see them.
 *
 * <p>Matchers keep PromQL semantics: regular expressions are fully anchored RE2 (the store's own
 * matchers are {@code java.util.regex}). The store is asked only with matchers that mean the same in
 * both dialects ({@code =}, {@code !=}, and regexes made of literals, {@code .}, {@code * + ?},
 * {@code |} and plain groups) so its postings index narrows the search; every series is then
 * checked against the original RE2 matchers. Thread-safe as the store is.
 */
public final class SeriesStoreSource implements SeriesSource, Appendable {
  /** A regex built only from these tokens means the same under RE2 and java.util.regex. */
  private static final Pattern PORTABLE_REGEX = Pattern.compile("(?:[A-Za-z0-9_:/=@,. -]|[*+?|]|\\((?!\\?)|\\))*");

  private final SeriesStore store;

  public SeriesStoreSource(SeriesStore store) {
    this.store = store;
  }

  public SeriesStore store() {
    return store;
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    List<SeriesSamples> found = store.select(narrowing(matchers), minTimeMs, maxTimeMs);
    List<Series> out = new ArrayList<>(found.size());
    for (SeriesSamples s : found) {
      Labels labels = toPromql(s.labels());
      if (!matchesAll(labels, matchers)) {
        continue;
      }
      List<Point> points = new ArrayList<>(s.samples().size());
      for (Sample p : s.samples()) {
        points.add(new Point(p.timestampMs(), p.value()));
      }
      out.add(new Series(labels, points));
    }
    return out;
  }

  /**
   * Appends one rule output sample (stale markers included). Refusals (series limit, out of order
   * after a clock step back, invalid names) are counted by the store, never thrown.
   */
  @Override
  public void append(Labels labels, long timestampMs, double value) {
    appendResult(labels, timestampMs, value);
  }

  /** {@link #append} that says what the store did with the sample. */
  public AppendResult appendResult(Labels labels, long timestampMs, double value) {
    return store.append(toStore(labels), timestampMs, value);
  }

  static List<io.pipelens.collector.series.LabelMatcher> narrowing(List<LabelMatcher> matchers) {
    List<io.pipelens.collector.series.LabelMatcher> out = new ArrayList<>(matchers.size());
    for (LabelMatcher m : matchers) {
      switch (m.type()) {
        case EQ -> out.add(io.pipelens.collector.series.LabelMatcher.eq(m.name(), m.value()));
        case NEQ -> out.add(io.pipelens.collector.series.LabelMatcher.neq(m.name(), m.value()));
        case RE, NRE -> {
          if (PORTABLE_REGEX.matcher(m.value()).matches()) {
            try {
              out.add(io.pipelens.collector.series.LabelMatcher.of(m.name(),
                  m.type() == LabelMatcher.Type.RE ? io.pipelens.collector.series.LabelMatcher.Op.RE
                      : io.pipelens.collector.series.LabelMatcher.Op.NRE, m.value()));
            } catch (IllegalArgumentException notPortable) {
              // checked with RE2 below; the store just cannot narrow by it
            }
          }
        }
        default -> throw new IllegalStateException("unknown matcher type " + m.type());
      }
    }
    return out;
  }

  private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  static Labels toPromql(io.pipelens.collector.series.Labels labels) {
    return Labels.fromMap(new TreeMap<>(labels.map()));
  }

  static io.pipelens.collector.series.Labels toStore(Labels labels) {
    return new io.pipelens.collector.series.Labels(labels.toMap());
  }
}
