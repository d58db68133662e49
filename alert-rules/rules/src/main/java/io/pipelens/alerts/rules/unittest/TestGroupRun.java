package io.pipelens.alerts.rules.unittest;

import io.pipelens.alerts.promql.EngineOptions;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.Value;
import io.pipelens.alerts.promql.parse.ParseException;
import io.pipelens.alerts.rules.RuleGroup;
import io.pipelens.alerts.rules.eval.Alert;
import io.pipelens.alerts.rules.eval.AlertState;
import io.pipelens.alerts.rules.eval.EvalSettings;
import io.pipelens.alerts.rules.eval.GroupResult;
import io.pipelens.alerts.rules.eval.RuleGroupEvaluator;
import io.pipelens.alerts.rules.unittest.UnitTestFile.AlertTest;
import io.pipelens.alerts.rules.unittest.UnitTestFile.ExprTest;
import io.pipelens.alerts.rules.unittest.UnitTestFile.InputSeries;
import io.pipelens.alerts.rules.unittest.UnitTestFile.TestGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One test group of a unit-test file: load series, evaluate rules every interval, check expectations. */
final class TestGroupRun {
  private final TestGroup tg;
  private final long loadIntervalMs;
  private final long evalIntervalMs;
  private final List<RuleGroup> groups;
  private final TestSeriesSource store = new TestSeriesSource();

  TestGroupRun(TestGroup tg, long loadIntervalMs, long evalIntervalMs, List<RuleGroup> groups) {
    this.tg = tg;
    this.loadIntervalMs = loadIntervalMs;
    this.evalIntervalMs = evalIntervalMs;
    this.groups = groups;
  }

  List<String> run() {
    try {
      load();
    } catch (IllegalArgumentException | ParseException e) {
      return List.of(e.getMessage());
    }
    EvalSettings settings = new EvalSettings(tg.externalLabels(), tg.externalUrl(),
        new EngineOptions(EngineOptions.DEFAULTS.lookbackDeltaMs(), evalIntervalMs, EngineOptions.DEFAULTS.maxSubquerySteps()));
    List<RuleGroupEvaluator> evaluators = new ArrayList<>();
    for (RuleGroup g : groups) {
      evaluators.add(new RuleGroupEvaluator(g, store, store.output::append, settings));
    }
    long maxt = 0;
    for (AlertTest a : tg.alertTests()) {
      if (a.alertname().isEmpty()) {
        return List.of("an item under alert_rule_test misses required attribute alertname at eval_time "
            + GoText.modelDuration(a.evalTimeMs()) + (tg.name().isEmpty() ? "" : " (in TestGroup " + tg.name() + ")"));
      }
      maxt = Math.max(maxt, a.evalTimeMs());
    }
    for (ExprTest e : tg.exprTests()) {
      maxt = Math.max(maxt, e.evalTimeMs());
    }
    List<Long> alertTimes = new ArrayList<>(new TreeSet<>(tg.alertTests().stream().map(AlertTest::evalTimeMs).toList()));
    List<String> errors = new ArrayList<>();
    int curr = 0;
    for (long ts = 0; ts <= maxt; ts += evalIntervalMs) {
      store.loadedTillMs = ts;
      List<String> evalErrors = new ArrayList<>();
      for (RuleGroupEvaluator ev : evaluators) {
        GroupResult r = ev.evaluate(ts);
        for (GroupResult.RuleError e : r.errors()) {
          evalErrors.add("    rule: " + e.rule() + ", time: " + GoText.goDuration(ts) + ", err: " + e.message());
        }
      }
      errors.addAll(evalErrors);
      if (!evalErrors.isEmpty()) {
        return errors;
      }
      while (curr < alertTimes.size() && ts <= alertTimes.get(curr) && alertTimes.get(curr) < ts + evalIntervalMs) {
        long t = alertTimes.get(curr);
        for (AlertTest at : tg.alertTests()) {
          if (at.evalTimeMs() == t) {
            checkAlerts(at, evaluators, errors);
          }
        }
        curr++;
      }
    }
    for (ExprTest e : tg.exprTests()) {
      checkExpr(e, errors);
    }
    return errors;
  }

  private void load() {
    for (InputSeries s : tg.inputSeries()) {
      Labels l = labels(s);
      List<Double> values = SeriesValues.parse(s.values());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          store.input.append(l, i * loadIntervalMs, values.get(i));
        }
      }
    }
  }

  /** On a bad series, the error is reported at its position in "series values", as promtool's load command does. */
  private static Labels labels(InputSeries s) {
    try {
      return SeriesLabels.parse(s.series());
    } catch (ParseException e) {
      try {
        io.pipelens.alerts.promql.parse.PromqlParser.parse(s.series() + " " + s.values());
      } catch (ParseException whole) {
        throw whole;
      }
      throw e;
    }
  }

  private void checkAlerts(AlertTest at, List<RuleGroupEvaluator> evaluators, List<String> errors) {
    List<LabelsAndAnnotations> got = new ArrayList<>();
    for (RuleGroupEvaluator ev : evaluators) {
      for (Alert a : ev.alerts(at.alertname())) {
        if (a.state() == AlertState.FIRING) {
          got.add(new LabelsAndAnnotations(a.labels().toMap(), new TreeMap<>(a.annotations())));
        }
      }
    }
    List<LabelsAndAnnotations> exp = new ArrayList<>();
    for (UnitTestFile.ExpAlert e : at.expAlerts()) {
      TreeMap<String, String> l = new TreeMap<>(Labels.fromMap(e.labels()).toMap());
      l.put("alertname", at.alertname());
      exp.add(new LabelsAndAnnotations(l, new TreeMap<>(e.annotations())));
    }
    got.sort(LabelsAndAnnotations.ORDER);
    exp.sort(LabelsAndAnnotations.ORDER);
    if (!got.equals(exp)) {
      String name = tg.name().isEmpty() ? "" : "    name: " + tg.name() + ",\n";
      errors.add(name + "    alertname: " + at.alertname() + ", time: " + GoText.modelDuration(at.evalTimeMs()) + ", \n"
          + "        exp:" + indent(LabelsAndAnnotations.render(exp), "            ") + ", \n"
          + "        got:" + indent(LabelsAndAnnotations.render(got), "            "));
    }
  }

  private void checkExpr(ExprTest e, List<String> errors) {
    String where = "    expr: " + GoText.quote(e.expr()) + ", time: " + GoText.modelDuration(e.evalTimeMs());
    List<Value.Sample> got;
    try {
      Value v = new PromqlEngine(store, new EngineOptions(EngineOptions.DEFAULTS.lookbackDeltaMs(), evalIntervalMs,
          EngineOptions.DEFAULTS.maxSubquerySteps())).instantQuery(e.expr(), e.evalTimeMs()).value();
      if (v instanceof Value.Vector vec) {
        got = vec.samples();
      } else if (v instanceof Value.Scalar s) {
        got = List.of(new Value.Sample(Labels.EMPTY, s.t(), s.v()));
      } else {
        throw new IllegalArgumentException("rule result is not a vector or scalar");
      }
    } catch (ParseException | QueryException | IllegalArgumentException ex) {
      errors.add(where + ", err: " + ex.getMessage());
      return;
    }
    List<Map.Entry<Labels, Double>> exp = new ArrayList<>();
    for (UnitTestFile.ExpSample s : e.expSamples()) {
      try {
        exp.add(Map.entry(SeriesLabels.parse(s.labels()), s.value()));
      } catch (ParseException | IllegalArgumentException ex) {
        errors.add(where + ", err: labels " + GoText.quote(s.labels()) + ": " + ex.getMessage());
        return;
      }
    }
    List<Map.Entry<Labels, Double>> gotList = new ArrayList<>();
    got.forEach(s -> gotList.add(Map.entry(s.labels(), s.v())));
    Comparator<Map.Entry<Labels, Double>> byLabels = Map.Entry.comparingByKey();
    exp.sort(byLabels);
    gotList.sort(byLabels);
    boolean same = exp.size() == gotList.size();
    for (int i = 0; same && i < exp.size(); i++) {
      same = exp.get(i).getKey().equals(gotList.get(i).getKey())
          && exp.get(i).getValue().doubleValue() == gotList.get(i).getValue().doubleValue();
    }
    if (!same) {
      errors.add(where + ",\n        exp: " + samples(exp) + "\n        got: " + samples(gotList));
    }
  }

  private static String samples(List<Map.Entry<Labels, Double>> s) {
    if (s.isEmpty()) {
      return "nil";
    }
    List<String> parts = new ArrayList<>();
    s.forEach(e -> parts.add(GoText.labels(e.getKey().toMap()) + " " + GoText.floatE(e.getValue())));
    return String.join(", ", parts);
  }

  static String indent(String lines, String indent) {
    return lines.replace("\n", "\n" + indent);
  }
}
