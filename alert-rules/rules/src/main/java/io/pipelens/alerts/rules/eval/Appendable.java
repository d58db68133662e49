package io.pipelens.alerts.rules.eval;

import io.pipelens.alerts.promql.Labels;

/**
 * Where rule evaluation writes its output series: recording rules' results, {@code ALERTS},
 * {@code ALERTS_FOR_STATE} and stale markers ({@link io.pipelens.alerts.promql.Point#STALE_NAN})
 * for series that stopped. For recording rules to be visible to later rules of the same group,
 * appended samples must be readable through the evaluator's SeriesSource at once.
 * {@code InMemorySeriesSource::append} is one.
 */
@FunctionalInterface
public interface Appendable {
  void append(Labels labels, long timestampMs, double value);
}
