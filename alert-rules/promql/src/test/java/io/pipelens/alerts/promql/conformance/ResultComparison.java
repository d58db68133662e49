package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.Series;
import io.pipelens.alerts.promql.Value;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Eval;
import io.pipelens.alerts.promql.conformance.ScriptCommand.SeriesLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares a query result with an eval command's expected output (relative tolerance 1e-6). */
final class ResultComparison {
  private static final double EPSILON = 1e-6;

  private ResultComparison() {}

  static String compare(Eval e, Value v) {
    if (e.string() != null) {
      return v instanceof Value.StringValue s && s.s().equals(e.string()) ? null
          : "expected string \"" + e.string() + "\", got " + v;
    }
    if (e.scalar() != null) {
      if (!(v instanceof Value.Scalar s)) {
        return "expected scalar " + e.scalar() + ", got " + describe(v);
      }
      return equal(e.scalar(), s.v()) ? null : "expected scalar " + e.scalar() + ", got " + s.v();
    }
    if (e.rangeVector() != null || e.range()) {
      if (!(v instanceof Value.Matrix m)) {
        return "expected a range vector, got " + describe(v);
      }
      long from = e.range() ? e.startMs() : e.rangeVector()[0];
      long step = e.range() ? e.stepMs() : e.rangeVector()[2];
      return matrix(e, m, from, step);
    }
    if (!(v instanceof Value.Vector vec)) {
      return "expected an instant vector, got " + describe(v);
    }
    return vector(e, vec);
  }

  private static String vector(Eval e, Value.Vector vec) {
    Map<Labels, Integer> expectedIndex = new HashMap<>();
    for (int i = 0; i < e.expected().size(); i++) {
      expectedIndex.put(e.expected().get(i).labels(), i);
    }
    if (vec.samples().size() != e.expected().size()) {
      return "expected " + e.expected().size() + " samples, got " + vec.samples().size() + ": " + vec.samples();
    }
    for (int pos = 0; pos < vec.samples().size(); pos++) {
      Value.Sample s = vec.samples().get(pos);
      Integer idx = expectedIndex.get(s.labels());
      if (idx == null) {
        return "unexpected series " + s.labels() + " in result " + vec.samples();
      }
      SeriesLine exp = e.expected().get(idx);
      if (exp.values().size() != 1) {
        return "expected line for " + exp.labels() + " must have exactly one value";
      }
      if (!equal(exp.values().get(0), s.v())) {
        return "for " + s.labels() + " expected " + exp.values().get(0) + ", got " + s.v();
      }
      if (e.has("ordered") && idx != pos) {
        return "expected " + s.labels() + " at position " + idx + ", got it at " + pos;
      }
    }
    return null;
  }

  private static String matrix(Eval e, Value.Matrix m, long from, long step) {
    Map<Labels, SeriesLine> expected = new HashMap<>();
    for (SeriesLine s : e.expected()) {
      expected.put(s.labels(), s);
    }
    if (m.series().size() != expected.size()) {
      List<Labels> got = new ArrayList<>();
      m.series().forEach(s -> got.add(s.labels()));
      return "expected " + expected.size() + " series, got " + m.series().size() + ": " + got;
    }
    for (Series s : m.series()) {
      SeriesLine exp = expected.get(s.labels());
      if (exp == null) {
        return "unexpected series " + s.labels();
      }
      List<Point> want = new ArrayList<>();
      for (int i = 0; i < exp.values().size(); i++) {
        Double v = exp.values().get(i);
        if (v != null) {
          want.add(new Point(from + i * step, v));
        }
      }
      if (want.size() != s.points().size()) {
        return "for " + s.labels() + " expected points " + want + ", got " + s.points();
      }
      for (int i = 0; i < want.size(); i++) {
        Point w = want.get(i);
        Point g = s.points().get(i);
        if (w.t() != g.t() || !equal(w.v(), g.v())) {
          return "for " + s.labels() + " expected points " + want + ", got " + s.points();
        }
      }
    }
    return null;
  }

  private static String describe(Value v) {
    return v.getClass().getSimpleName() + " " + v;
  }

  static boolean equal(double a, double b) {
    if (SeriesValues.isHistogram(a) || SeriesValues.isHistogram(b)) {
      return false;
    }
    if (Point.isStaleMarker(a) || Point.isStaleMarker(b)) {
      return Point.isStaleMarker(a) && Point.isStaleMarker(b);
    }
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < EPSILON * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
  }
}
