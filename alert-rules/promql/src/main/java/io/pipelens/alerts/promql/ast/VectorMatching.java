package io.pipelens.alerts.promql.ast;

import java.util.List;

/**
 * How two vectors of a binary operation are matched.
 *
 * @param on true for {@code on(labels)}, false for {@code ignoring(labels)} (or no clause)
 * @param include extra labels copied from the "one" side with group_left/group_right
 */
public record VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {
  public enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY,
    MANY_TO_MANY
  }

  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }
}
