package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.QueryResult;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Eval;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Load;
import io.pipelens.alerts.promql.conformance.ScriptCommand.SeriesLine;
import io.pipelens.alerts.promql.parse.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Executes a parsed test script against a fresh in-memory source and engine. */
final class ScriptRunner {
  private final String fileName;
  private final InMemorySeriesSource source = new InMemorySeriesSource();
  private final PromqlEngine engine = new PromqlEngine(source);
  /** Series that hold native histogram samples (or their NHCB conversion) since the last clear. */
  private final java.util.Set<io.pipelens.alerts.promql.Labels> nativeSeries = new java.util.HashSet<>();

  ScriptRunner(String fileName) {
    this.fileName = fileName;
  }

  List<CaseResult> run(List<ScriptCommand> commands) {
    List<CaseResult> out = new ArrayList<>();
    for (ScriptCommand c : commands) {
      if (c instanceof ScriptCommand.Clear) {
        source.clear();
        nativeSeries.clear();
      } else if (c instanceof Load l) {
        load(l);
      } else if (c instanceof Eval e) {
        out.add(eval(e));
      }
    }
    return out;
  }

  private void load(Load l) {
    for (SeriesLine s : l.series()) {
      if (l.withNhcb()) {
        String name = s.labels().metricName().replaceFirst("_bucket$", "");
        nativeSeries.add(s.labels().without("le").with(io.pipelens.alerts.promql.Labels.METRIC_NAME, name));
      }
      for (int i = 0; i < s.values().size(); i++) {
        Double v = s.values().get(i);
        if (SeriesValues.isHistogram(v)) {
          nativeSeries.add(s.labels());
        } else if (v != null) {
          source.append(s.labels(), i * l.intervalMs(), v);
        }
      }
    }
  }

  private CaseResult eval(Eval e) {
    boolean nativeExpected = e.expected().stream().anyMatch(s -> s.values().stream().anyMatch(SeriesValues::isHistogram));
    String id = fileName + ":" + e.line();
    String failure;
    try {
      failure = check(e);
      if (failure == null) {
        failure = printedFormBehavesTheSame(e);
      }
    } catch (RuntimeException ex) {
      failure = "runner error: " + ex;
    }
    return new CaseResult(id, e.expr(), failure == null, failure, nativeExpected || readsNative(e.expr()));
  }

  private String check(Eval e) {
    QueryResult result = null;
    RuntimeException error = null;
    try {
      result = e.range()
          ? engine.rangeQuery(e.expr(), e.startMs(), e.endMs(), e.stepMs())
          : engine.instantQuery(e.expr(), e.startMs());
    } catch (ParseException | QueryException | IllegalArgumentException ex) {
      error = ex;
    }
    String expectationProblem = Expectations.check(e, result, error);
    if (expectationProblem != null || error != null) {
      return expectationProblem;
    }
    String problem = ResultComparison.compare(e, result.value());
    if (problem != null || e.range() || e.has("ordered") || e.string() != null || e.rangeVector() != null
        || dependsOnQueryWindow(e.expr())) {
      return problem;
    }
    return sameInRangeMode(e);
  }

  /**
   * Like upstream promqltest: an instant query must give the same result as the middle step of a
   * range query from t-1m to t+1m.
   */
  private String sameInRangeMode(Eval e) {
    long t = e.startMs();
    QueryResult range = engine.rangeQuery(e.expr(), t - 60_000, t + 60_000, 60_000);
    List<io.pipelens.alerts.promql.Value.Sample> atT = new ArrayList<>();
    for (io.pipelens.alerts.promql.Series s : ((io.pipelens.alerts.promql.Value.Matrix) range.value()).series()) {
      for (io.pipelens.alerts.promql.Point p : s.points()) {
        if (p.t() == t) {
          atT.add(new io.pipelens.alerts.promql.Value.Sample(s.labels(), t, p.v()));
        }
      }
    }
    io.pipelens.alerts.promql.Value v = e.scalar() != null && atT.size() == 1
        ? new io.pipelens.alerts.promql.Value.Scalar(t, atT.get(0).v())
        : new io.pipelens.alerts.promql.Value.Vector(atT);
    String problem = ResultComparison.compare(e, v);
    return problem == null ? null : "range-mode result differs: " + problem;
  }

  /**
   * The expression printed back by ExprPrinter must parse, print identically again and pass the
   * same case (skipped when annotation texts carry positions, which printing may move).
   */
  private String printedFormBehavesTheSame(Eval e) {
    io.pipelens.alerts.promql.ast.Expr parsed;
    try {
      parsed = io.pipelens.alerts.promql.parse.PromqlParser.parse(e.expr());
    } catch (ParseException ex) {
      return null;
    }
    String printed = io.pipelens.alerts.promql.ast.ExprPrinter.print(parsed);
    String reprinted;
    try {
      reprinted = io.pipelens.alerts.promql.ast.ExprPrinter.print(io.pipelens.alerts.promql.parse.PromqlParser.parse(printed));
    } catch (ParseException ex) {
      return "printed form `" + printed + "` does not parse: " + ex.getMessage();
    }
    if (!reprinted.equals(printed)) {
      return "printing is not stable: `" + printed + "` then `" + reprinted + "`";
    }
    boolean positionedMessages = e.expectations().stream()
        .anyMatch(x -> x.text() != null && (x.type().equals("warn") || x.type().equals("info")));
    if (printed.equals(e.expr()) || positionedMessages) {
      return null;
    }
    String problem = check(e.withExpr(printed));
    return problem == null ? null : "printed form `" + printed + "` behaves differently: " + problem;
  }

  /** step(), range(), start() and end() differ between instant and range mode by design. */
  private static boolean dependsOnQueryWindow(String expr) {
    boolean[] found = {false};
    io.pipelens.alerts.promql.ast.ExprVisitor.walk(
        io.pipelens.alerts.promql.parse.PromqlParser.parse(expr),
        n -> found[0] |= n instanceof io.pipelens.alerts.promql.ast.Call c
            && java.util.Set.of("step", "range", "start", "end").contains(c.function().name()));
    return found[0];
  }

  private boolean readsNative(String expr) {
    try {
      var refs = io.pipelens.alerts.promql.ast.SelectorReferences.of(io.pipelens.alerts.promql.parse.PromqlParser.parse(expr));
      for (var vs : refs.selectors()) {
        for (var series : nativeSeries) {
          if (vs.matchers().stream().allMatch(m -> m.matches(series))) {
            return true;
          }
        }
      }
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
