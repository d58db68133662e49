package io.pipelens.alerts.promql.ast;

import io.pipelens.alerts.promql.LabelMatcher;
import java.util.List;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 100}. The
 * metric name, when given, is also present in {@code matchers} as an {@code __name__} equality.
 *
 * @param name metric name written before the braces, or null
 * @param offsetMs offset in milliseconds (negative looks into the future)
 * @param at the {@code @} modifier or null
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMs, AtModifier at)
    implements Expr {
  public VectorSelector {
    matchers = List.copyOf(matchers);
  }

  public VectorSelector withModifiers(long offset, AtModifier at) {
    return new VectorSelector(name, matchers, offset, at);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }
}
