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
    return ResultComparison.compare(e, result.value());
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
