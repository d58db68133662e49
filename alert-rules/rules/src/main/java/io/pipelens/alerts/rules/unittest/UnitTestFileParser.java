package io.pipelens.alerts.rules.unittest;

import io.pipelens.alerts.rules.unittest.UnitTestFile.AlertTest;
import io.pipelens.alerts.rules.unittest.UnitTestFile.ExpAlert;
import io.pipelens.alerts.rules.unittest.UnitTestFile.ExpSample;
import io.pipelens.alerts.rules.unittest.UnitTestFile.ExprTest;
import io.pipelens.alerts.rules.unittest.UnitTestFile.InputSeries;
import io.pipelens.alerts.rules.unittest.UnitTestFile.TestGroup;
import io.pipelens.alerts.rules.yaml.YamlDecoder;
import io.pipelens.alerts.rules.yaml.YamlNode;
import io.pipelens.alerts.rules.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict parsing of promtool test files (unknown keys are errors, as promtool 2.x's
 * yaml.UnmarshalStrict makes them; so {@code start_timestamp} and native-histogram samples are
 * rejected like Debian's promtool 2.42 does).
 */
final class UnitTestFileParser {
  private UnitTestFileParser() {}

  /** @throws IllegalArgumentException with promtool's "yaml: unmarshal errors:" text */
  static UnitTestFile parse(String text) {
    YamlNode root = YamlReader.read(text);
    YamlDecoder d = new YamlDecoder();
    YamlNode.Mapping m = d.mapping(root, Set.of("rule_files", "evaluation_interval", "group_eval_order", "tests"),
        "main.unitTestFile");
    if (m == null) {
      throw new IllegalArgumentException(d.message());
    }
    Map<String, YamlNode> e = m.entries();
    List<String> ruleFiles = strings(d, e.get("rule_files"));
    long interval = d.duration(e.get("evaluation_interval"));
    List<String> order = strings(d, e.get("group_eval_order"));
    List<TestGroup> tests = new ArrayList<>();
    for (YamlNode t : d.sequence(e.get("tests"), "[]main.testGroup")) {
      TestGroup g = group(d, t);
      if (g != null) {
        tests.add(g);
      }
    }
    if (!d.errors().isEmpty()) {
      throw new IllegalArgumentException(d.message());
    }
    return new UnitTestFile(ruleFiles, interval, order, tests);
  }

  private static TestGroup group(YamlDecoder d, YamlNode n) {
    YamlNode.Mapping m = d.mapping(n, Set.of("interval", "input_series", "alert_rule_test", "promql_expr_test",
        "external_labels", "external_url", "name"), "main.testGroup");
    if (m == null) {
      return null;
    }
    Map<String, YamlNode> e = m.entries();
    List<InputSeries> series = new ArrayList<>();
    for (YamlNode s : d.sequence(e.get("input_series"), "[]main.series")) {
      YamlNode.Mapping sm = d.mapping(s, Set.of("series", "values"), "main.series");
      if (sm != null) {
        series.add(new InputSeries(d.string(sm.entries().get("series")), d.string(sm.entries().get("values"))));
      }
    }
    List<AlertTest> alerts = new ArrayList<>();
    for (YamlNode a : d.sequence(e.get("alert_rule_test"), "[]main.alertTestCase")) {
      YamlNode.Mapping am = d.mapping(a, Set.of("eval_time", "alertname", "exp_alerts"), "main.alertTestCase");
      if (am == null) {
        continue;
      }
      List<ExpAlert> exp = new ArrayList<>();
      for (YamlNode x : d.sequence(am.entries().get("exp_alerts"), "[]main.alert")) {
        YamlNode.Mapping xm = d.mapping(x, Set.of("exp_labels", "exp_annotations"), "main.alert");
        if (xm != null) {
          exp.add(new ExpAlert(d.stringMap(xm.entries().get("exp_labels")), d.stringMap(xm.entries().get("exp_annotations"))));
        }
      }
      alerts.add(new AlertTest(d.duration(am.entries().get("eval_time")), d.string(am.entries().get("alertname")), exp));
    }
    List<ExprTest> exprs = new ArrayList<>();
    for (YamlNode x : d.sequence(e.get("promql_expr_test"), "[]main.promqlTestCase")) {
      YamlNode.Mapping xm = d.mapping(x, Set.of("expr", "eval_time", "exp_samples"), "main.promqlTestCase");
      if (xm == null) {
        continue;
      }
      List<ExpSample> samples = new ArrayList<>();
      for (YamlNode s : d.sequence(xm.entries().get("exp_samples"), "[]main.sample")) {
        YamlNode.Mapping sm = d.mapping(s, Set.of("labels", "value"), "main.sample");
        if (sm != null) {
          samples.add(new ExpSample(d.string(sm.entries().get("labels")), d.number(sm.entries().get("value"), "float64")));
        }
      }
      exprs.add(new ExprTest(d.string(xm.entries().get("expr")), d.duration(xm.entries().get("eval_time")), samples));
    }
    return new TestGroup(d.string(e.get("name")), d.duration(e.get("interval")), series, alerts, exprs,
        d.stringMap(e.get("external_labels")), d.string(e.get("external_url")));
  }

  private static List<String> strings(YamlDecoder d, YamlNode n) {
    List<String> out = new ArrayList<>();
    for (YamlNode x : d.sequence(n, "[]string")) {
      out.add(d.string(x));
    }
    return out;
  }
}
