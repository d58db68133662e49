package io.pipelens.alerts.notify.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelens.alerts.template.GoTime;
import io.pipelens.alerts.template.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the same template text with Alertmanager's own Go implementation ({@code amtool
 * template render}, Debian package prometheus-alertmanager) and with ours, against the example
 * data amtool uses, and requires identical output. amtool parses pipelens' default.tmpl as well, so
 * the default message templates are compared too.
 */
class AmtoolConformanceTest {
  static final Path AMTOOL = Path.of("/usr/bin/amtool");
  @TempDir static Path dir;
  static Path glob;

  @BeforeAll
  static void setUp() throws IOException {
    // both engines parse pipelens' default.tmpl, so its definitions are checked too
    try (var in = DefaultTemplates.class.getResourceAsStream("default.tmpl")) {
      glob = Files.write(dir.resolve("default.tmpl"), in.readAllBytes());
    }
  }

  /** The data amtool renders with (alertmanager cli/template_render.go), times aside. */
  static TemplateData amtoolExample() {
    GoTime t = GoTime.of(Instant.parse("2026-01-01T00:00:00Z"));
    KV common = new KV(Map.of("commonlabelkey1", "commonlabelvalue1", "commonlabelkey2", "commonlabelvalue2"));
    KV commonAnn = new KV(Map.of("commonannotationkey1", "commonannotationvalue1", "commonannotationkey2", "commonannotationvalue2"));
    KV l1 = new KV(common);
    l1.putAll(Map.of("instance", "foo.bar:1234", "label1", "value1", "label2", "value2"));
    KV a1 = new KV(commonAnn);
    a1.putAll(Map.of("annotation1", "value1", "annotation2", "value2"));
    KV l2 = new KV(common);
    l2.putAll(Map.of("foo", "bar", "baz", "qux"));
    KV a2 = new KV(commonAnn);
    a2.putAll(Map.of("aaa", "bbb", "ccc", "ddd"));
    return new TemplateData("receiver", "alertstatus", new TemplateAlerts(List.of(
        new TemplateAlert("alertstatus", l1, a1, t, t, "https://generatorurl.com", "fingerprint1"),
        new TemplateAlert("alertstatus", l2, a2, t, t, "https://generatorurl.com", "fingerprint2"))),
        new KV(Map.of("grouplabelkey1", "grouplabelvalue1", "grouplabelkey2", "grouplabelvalue2")),
        common, commonAnn, "https://example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ template \"__subject\" . }}",
      "{{ template \"wechat.default.message\" . }}",
      "{{ template \"slack.default.title\" . }}|{{ template \"slack.default.titlelink\" . }}",
      "{{ template \"__text_alert_list\" .Alerts }}",
      "{{ template \"email.default.html\" . }}",
      "{{ template \"email.default.text\" . }}",
      "{{ .Receiver }}|{{ .Status }}|{{ .GroupLabels }}|{{ .CommonLabels }}|{{ .CommonAnnotations }}|{{ .ExternalURL }}",
      "{{ range $i, $a := .Alerts }}{{ $i }}:{{ $a.Labels.SortedPairs.Names | join \",\" }};{{ end }}",
      "{{ .CommonLabels.Remove .GroupLabels.Names }} {{ .CommonLabels.Remove (stringSlice \"commonlabelkey1\") }}",
      "{{ printf \"%q %v %5.2f %-6s| %d %x %X %e %g %t %c %s\" .Receiver .GroupLabels 3.14159 \"ab\" 42 255 255 123456.789 0.000012345 true 65 .Alerts.Firing }}",
      "{{ len .Alerts }} {{ len .Alerts.Firing }} {{ len .Alerts.Resolved }} {{ index .CommonLabels \"commonlabelkey1\" }} {{ .ExternalURL | urlquery }}",
      "{{ range .Alerts }}{{ .Annotations.SortedPairs.Values | join \" \" | toUpper }}/{{ end }}",
      "{{ html \"<b>'x' & \\\"y\\\"</b>\" }} {{ js \"a'b<c>=\\\\\" }} {{ title \"hello wOrld foo-bar\" }} {{ reReplaceAll \"value(\\\\d)\" \"v$1\" \"value1 value2\" }}",
      "{{ if and (gt (len .Alerts) 1) (eq .Status \"alertstatus\") }}yes{{ else if .Receiver }}no{{ else }}none{{ end }}",
      "{{- range .Alerts -}} {{ .Fingerprint }} {{- end }}|{{ with $x := .CommonAnnotations }}{{ $x.commonannotationkey2 }}{{ end }}",
      "{{ print 1 2.5 \"a\" 3 nil }} {{ println \"x\" 2 }}",
      "{{ 1e6 }} {{ 123456789.0 }} {{ 0.1 }} {{ 100000.0 }} {{ 1e21 }} {{ 3 }} {{ -0.5 }} {{ 0x10 }} {{ 1_000 }}",
      "{{ stringSlice \"a\" \"b\" | join \"-\" }} {{ match \"^foo\" \"foobar\" }} {{ toLower \"ABC\" }} {{ safeHtml \"<x>\" }} {{ stringSlice \"a\" }}",
      "{{ define \"t2\" }}[{{ . }}]{{ end }}{{ template \"t2\" .Receiver }}{{ template \"t2\" }}",
      "{{ $n := 0 }}{{ range .Alerts }}{{ $n = len .Labels }}{{ end }}{{ $n }} {{ not 0 }} {{ or \"\" 0 \"z\" }} {{ and 1 \"\" 2 }}",
      "{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ if eq .Name \"foo\" }}{{ break }}{{ end }}{{ .Name }} {{ end }}{{ end }}",
      "{{ .Alerts.Firing }}",
  })
  void rendersLikeAlertmanager(String text) throws Exception {
    assumeTrue(Files.isExecutable(AMTOOL), "amtool not installed (Debian package prometheus-alertmanager)");
    Templates ours = DefaultTemplates.create();

    assertThat(ours.executeText(text, amtoolExample())).isEqualTo(amtool(text));
  }

  private static String amtool(String text) throws Exception {
    Process p = new ProcessBuilder(AMTOOL.toString(), "template", "render", "--template.glob=" + glob,
        "--template.text=" + text).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("amtool failed: %s", out).isZero();
    return out;
  }
}
