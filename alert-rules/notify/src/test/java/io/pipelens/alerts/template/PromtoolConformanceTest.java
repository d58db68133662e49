package io.pipelens.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus rule-annotation templates rendered by our engine must equal what Prometheus renders:
 * we write our output as the expected annotations of a {@code promtool test rules} file and let
 * Debian's promtool (Prometheus' own Go code) check them.
 */
class PromtoolConformanceTest {
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  /** Prometheus prepends these definitions to every rule template. */
  static final String PROMETHEUS_DEFS =
      "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";
  static final String ANNOTATION = "{{ $value | humanize }}|{{ humanize1024 $value }}|{{ humanizePercentage $value }}|"
      + "{{ humanizeDuration $value }}|{{ $value | humanizeTimestamp }}|{{ $value }}|{{ printf \"%.2f %5.1e %g\" $value $value $value }}|"
      + "{{ $labels.instance | toUpper }}|{{ if gt $value 100.0 }}big{{ else }}small{{ end }}|{{ reReplaceAll \"(.)-(.)\" \"$2$1\" $labels.instance }}";
  static final Map<String, Double> VALUES = Map.ofEntries(
      Map.entry("a-1", 1234567.0), Map.entry("b-2", 0.0012), Map.entry("c-3", 0.0), Map.entry("d-4", 1048576.0),
      Map.entry("e-5", 0.1234), Map.entry("f-6", 3661.0), Map.entry("g-7", 90061.5), Map.entry("h-8", 1435065584.128),
      Map.entry("i-9", -5.0), Map.entry("j-0", 1e-9), Map.entry("k-1", 12.5), Map.entry("l-2", 5e9));

  @TempDir Path dir;

  @Test
  void humanizeAndFormattingMatchPrometheus() throws Exception {
    assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed (Debian package prometheus)");
    ObjectMapper json = new ObjectMapper();
    Files.writeString(dir.resolve("rules.yml"), "groups:\n  - name: g\n    rules:\n      - alert: Check\n"
        + "        expr: test_metric\n        annotations:\n          text: " + json.writeValueAsString(ANNOTATION) + "\n");
    StringBuilder t = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
    VALUES.forEach((inst, v) -> t.append("      - series: 'test_metric{instance=\"").append(inst).append("\"}'\n        values: '")
        .append(v).append("'\n"));
    t.append("    alert_rule_test:\n      - eval_time: 0m\n        alertname: Check\n        exp_alerts:\n");
    Templates ours = Templates.create();
    for (Map.Entry<String, Double> e : VALUES.entrySet()) {
      Map<String, String> labels = Map.of("__name__", "test_metric", "instance", e.getKey());
      String rendered = ours.executeText(PROMETHEUS_DEFS + ANNOTATION,
          Map.of("Labels", labels, "ExternalLabels", Map.of(), "ExternalURL", "", "Value", e.getValue()));
      t.append("          - exp_labels: {alertname: Check, instance: '").append(e.getKey()).append("'}\n")
          .append("            exp_annotations: {text: ").append(json.writeValueAsString(rendered)).append("}\n");
    }
    Files.writeString(dir.resolve("test.yml"), t.toString());

    Process p = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", "test.yml").directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool disagrees:\n%s", out).isZero();
  }
}
