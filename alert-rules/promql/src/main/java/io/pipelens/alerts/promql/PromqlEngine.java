package io.pipelens.alerts.promql;

import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.ValueType;
import io.pipelens.alerts.promql.eval.EvalValue;
import io.pipelens.alerts.promql.eval.EvalValue.MatrixV;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.SeriesItem;
import io.pipelens.alerts.promql.eval.EvalValue.StringV;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.eval.Evaluator;
import io.pipelens.alerts.promql.eval.QueryWindow;
import io.pipelens.alerts.promql.parse.PromqlParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs PromQL instant and range queries against a {@link SeriesSource}. Evaluation is a pure
 * function of the expression, the source's data and the given times (milliseconds since the
 * epoch); there is no clock. Thread-safe if the source is.
 *
 * <p>Failures: {@link io.pipelens.alerts.promql.parse.ParseException} for bad syntax or types,
 * {@link QueryException} for errors found while evaluating, {@link IllegalArgumentException} for
 * bad query parameters.
 */
public final class PromqlEngine {
  private final SeriesSource source;
  private final EngineOptions options;

  public PromqlEngine(SeriesSource source) {
    this(source, EngineOptions.DEFAULTS);
  }

  public PromqlEngine(SeriesSource source, EngineOptions options) {
    this.source = source;
    this.options = options;
  }

  public QueryResult instantQuery(String expr, long timeMs) {
    return instantQuery(PromqlParser.parse(expr), timeMs);
  }

  public QueryResult instantQuery(Expr expr, long timeMs) {
    Annotations annotations = new Annotations();
    Evaluator ev = new Evaluator(source, options, new QueryWindow(timeMs, timeMs, 0, false), annotations, expr);
    Value v = toValue(ev.eval(expr, timeMs), timeMs);
    return new QueryResult(v, annotations.warnings(), annotations.infos());
  }

  public QueryResult rangeQuery(String expr, long startMs, long endMs, long stepMs) {
    return rangeQuery(PromqlParser.parse(expr), startMs, endMs, stepMs);
  }

  /** Evaluates at start, start+step, ... up to end inclusive; the result is always a Matrix sorted by labels. */
  public QueryResult rangeQuery(Expr expr, long startMs, long endMs, long stepMs) {
    if (stepMs <= 0) {
      throw new IllegalArgumentException("range query step must be positive, got " + stepMs + "ms");
    }
    if (endMs < startMs) {
      throw new IllegalArgumentException("range query end " + endMs + " is before start " + startMs);
    }
    if ((endMs - startMs) / stepMs + 1 > EngineOptions.MAX_RANGE_STEPS) {
      throw new IllegalArgumentException("exceeded maximum resolution of " + EngineOptions.MAX_RANGE_STEPS
          + " points per timeseries. Try decreasing the query resolution (larger step)");
    }
    if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
      throw new IllegalArgumentException(
          "invalid expression type \"" + expr.type() + "\" for range query, must be Scalar or instant Vector");
    }
    Annotations annotations = new Annotations();
    Evaluator ev = new Evaluator(source, options, new QueryWindow(startMs, endMs, stepMs, true), annotations, expr);
    Map<Labels, List<Point>> series = new TreeMap<>();
    for (long t = startMs; t <= endMs; t += stepMs) {
      EvalValue v = ev.eval(expr, t);
      if (v instanceof ScalarV s) {
        series.computeIfAbsent(Labels.EMPTY, k -> new ArrayList<>()).add(new Point(t, s.v()));
        continue;
      }
      for (Value.Sample s : cleanVector(((VectorV) v).items(), t)) {
        series.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(new Point(t, s.v()));
      }
    }
    List<Series> out = new ArrayList<>();
    series.forEach((l, p) -> out.add(new Series(l, List.copyOf(p))));
    return new QueryResult(new Value.Matrix(out), annotations.warnings(), annotations.infos());
  }

  private static Value toValue(EvalValue v, long ts) {
    if (v instanceof ScalarV s) {
      return new Value.Scalar(ts, s.v());
    }
    if (v instanceof StringV s) {
      return new Value.StringValue(ts, s.s());
    }
    if (v instanceof VectorV vec) {
      return new Value.Vector(cleanVector(vec.items(), ts));
    }
    List<Series> out = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    for (SeriesItem s : ((MatrixV) v).series()) {
      Labels l = s.dropName() ? s.labels().withoutMetricName() : s.labels();
      if (!seen.add(l)) {
        throw new QueryException("vector cannot contain metrics with the same labelset");
      }
      out.add(new Series(l, List.copyOf(s.points())));
    }
    return new Value.Matrix(out);
  }

  /** Applies delayed metric-name removal and rejects duplicate label sets. */
  private static List<Value.Sample> cleanVector(List<VecItem> items, long ts) {
    List<Value.Sample> out = new ArrayList<>(items.size());
    Set<Labels> seen = new HashSet<>();
    for (VecItem i : items) {
      Labels l = i.effectiveLabels();
      if (!seen.add(l)) {
        throw new QueryException("vector cannot contain metrics with the same labelset");
      }
      out.add(new Value.Sample(l, ts, i.v()));
    }
    return out;
  }
}
