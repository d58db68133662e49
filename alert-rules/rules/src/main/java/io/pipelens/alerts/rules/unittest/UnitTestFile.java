package io.pipelens.alerts.rules.unittest;

import java.util.List;
import java.util.Map;

/** A promtool rule unit-test file. Durations in milliseconds; rule file names as written. */
record UnitTestFile(List<String> ruleFiles, long evaluationIntervalMs, List<String> groupEvalOrder, List<TestGroup> tests) {

  record TestGroup(String name, long intervalMs, List<InputSeries> inputSeries, List<AlertTest> alertTests,
      List<ExprTest> exprTests, Map<String, String> externalLabels, String externalUrl) {}

  record InputSeries(String series, String values) {}

  record AlertTest(long evalTimeMs, String alertname, List<ExpAlert> expAlerts) {}

  record ExpAlert(Map<String, String> labels, Map<String, String> annotations) {}

  record ExprTest(String expr, long evalTimeMs, List<ExpSample> expSamples) {}

  record ExpSample(String labels, double value) {}
}
