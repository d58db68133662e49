package io.pipelens.alerts.promql;

import java.util.List;

/**
 * Where the evaluator reads samples from. Implementations must be safe for the calling thread for
 * the duration of one query; the engine never writes.
 */
public interface SeriesSource {

  /**
   * Series whose labels satisfy every matcher, with their points in {@code [minTimeMs, maxTimeMs]}
   * (inclusive, milliseconds) ordered by time. Stale markers ({@link Point#STALE_NAN}) must be
   * returned as stored; the engine interprets them. Series without points in the window may be
   * omitted.
   */
  List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs);
}
