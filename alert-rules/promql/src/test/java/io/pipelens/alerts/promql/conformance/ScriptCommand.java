package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.Labels;
import java.util.List;

/** One command of a PromQL test script. */
sealed interface ScriptCommand {
  int line();

  record Load(int line, long intervalMs, boolean withNhcb, List<SeriesLine> series) implements ScriptCommand {}

  record Clear(int line) implements ScriptCommand {}

  /** An expected or loaded series: labels and expanded values (null = no point). */
  record SeriesLine(Labels labels, List<Double> values) {}

  record Expectation(String type, String matchType, String text) {}

  /**
   * An eval command. For instant queries start == end and step == 0. {@code scalar} is set when the
   * expected result is a bare number; {@code string} when a string is expected; {@code
   * rangeVector} holds "from to step" of an {@code expect range vector} line.
   */
  record Eval(
      int line,
      String expr,
      boolean range,
      long startMs,
      long endMs,
      long stepMs,
      List<Expectation> expectations,
      List<SeriesLine> expected,
      Double scalar,
      String string,
      long[] rangeVector)
      implements ScriptCommand {

    Eval withExpr(String other) {
      return new Eval(line, other, range, startMs, endMs, stepMs, expectations, expected, scalar, string, rangeVector);
    }

    boolean has(String type) {
      return expectations.stream().anyMatch(e -> e.type().equals(type));
    }
  }
}
