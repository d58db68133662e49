package io.pipelens.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected outputs are what Go's text/template (with Alertmanager/Prometheus functions) prints. */
class TemplatesTest {
  static final Map<String, Object> DATA = Map.of(
      "Status", "firing",
      "List", List.of("a", "b"),
      "Empty", List.of(),
      "Labels", Map.of("alertname", "Lag", "job", "etl"),
      "N", 3L,
      "F", 2.5,
      "Nested", Map.of("Inner", Map.of("Name", "x")));

  static String run(String text) {
    return Templates.create().executeText(text, DATA);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "⇒", quoteCharacter = '"', textBlock = """
      {{ .Status }}                                                  ⇒ firing
      {{ .Nested.Inner.Name }}                                        ⇒ x
      {{ .Labels.alertname }}/{{ .Labels.missing }}/                  ⇒ Lag//
      a  {{- .N -}}  b                                                ⇒ a3b
      {{/* comment */}}x{{- /* trimmed */ -}} y                       ⇒ xy
      {{ range $i, $e := .List }}{{ $i }}={{ $e }};{{ end }}          ⇒ 0=a;1=b;
      {{ range .Empty }}x{{ else }}none{{ end }}                      ⇒ none
      {{ range $k, $v := .Labels }}{{ $k }}:{{ $v }} {{ end }}         ⇒ "alertname:Lag job:etl "
      {{ range .List }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }} ⇒ a
      {{ if eq .Status "resolved" }}R{{ else if gt .N 2 }}big{{ else }}small{{ end }} ⇒ big
      {{ with .Nested.Inner }}{{ .Name }}{{ end }}                    ⇒ x
      {{ with .Empty }}x{{ else }}empty{{ end }}                      ⇒ empty
      {{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}         ⇒ 2
      {{ and 1 0 "x" }} {{ or 0 "" "y" }} {{ not .Empty }}           ⇒ 0 y true
      {{ eq .N 1 2 3 }} {{ ne .Status "x" }} {{ lt 1 2.5 }} {{ ge "b" "a" }} ⇒ true true true true
      {{ len .List }} {{ len "日本" }} {{ index .List 1 }} {{ index .Labels "job" }} ⇒ 2 6 b etl
      {{ printf "%s=%d %.2f %5.1f|%-4s|%q %v %x %t %%" "a" 42 3.14159 2.25 "ab" "q" 1.5 255 true }} ⇒ a=42 3.14   2.2|ab  |"q" 1.5 ff true %
      {{ print 1 2 "a" "b" 3 }}                                       ⇒ 1 2ab3
      {{ 1.5 }} {{ 1e6 }} {{ 100000.0 }} {{ 0.0001 }} {{ 1e-5 }} {{ -7 }} {{ 0x1F }} ⇒ 1.5 1e+06 100000 0.0001 1e-05 -7 31
      {{ html "<a href='x'>&</a>" }}                                  ⇒ &lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;
      {{ js "it's <b>" }} {{ urlquery "a b&c" }}                      ⇒ it\\'s \\u003Cb\\u003E a+b%26c
      {{ .List | join ", " | toUpper }} {{ "hello world" | title }} {{ toLower "ABC" }} ⇒ A, B Hello World abc
      {{ match "^et" .Labels.job }} {{ reReplaceAll "(.*):.*" "$1" "host:9090" }} {{ stringSlice "a" "b" }} ⇒ true host [a b]
      {{ trimSpace "  x  " }}|{{ .Labels }}                           ⇒ x|map[alertname:Lag job:etl]
      {{ humanize 1234567 }} {{ humanize 0.0012 }} {{ humanize 0 }} {{ humanize 12.5 }} ⇒ 1.235M 1.2m 0 12.5
      {{ humanize1024 1048576 }} {{ humanize1024 1 }} {{ humanizePercentage 0.1234 }} ⇒ 1Mi 1 12.34%
      {{ humanizeDuration 3661 }} {{ humanizeDuration 60.5 }} {{ humanizeDuration 0.25 }} {{ humanizeDuration 1.5 }} {{ humanizeDuration 90061 }} ⇒ 1h 1m 1s 1m 0s 250ms 1.5s 1d 1h 1m 1s
      {{ humanizeTimestamp 1435065584.128 }}                          ⇒ 2015-06-23 13:19:44.128 +0000 UTC
      {{ define "T" }}[{{ . }}]{{ end }}{{ template "T" .Status }}{{ block "B" .N }}<{{ . }}>{{ end }} ⇒ [firing]<3>
      """)
  void goSemantics(String template, String expected) {
    assertThat(run(template)).isEqualTo(expected);
  }

  @Test
  void timesFormatWithGoLayouts() {
    GoTime t = GoTime.of(Instant.parse("2026-03-01T08:05:09.120Z"));
    Map<String, Object> d = Map.of("T", t);
    Templates tm = Templates.create();
    assertThat(tm.executeText("{{ .T }}", d)).isEqualTo("2026-03-01 08:05:09.12 +0000 UTC");
    assertThat(tm.executeText("{{ .T.Format \"2006-01-02T15:04:05Z07:00\" }}", d)).isEqualTo("2026-03-01T08:05:09Z");
    assertThat(tm.executeText("{{ .T.Format \"Mon Jan _2 3:04PM\" }}", d)).isEqualTo("Sun Mar  1 8:05AM");
    assertThat(tm.executeText("{{ (tz \"Asia/Shanghai\" .T).Format \"15:04 MST -0700\" }}", d)).isEqualTo("16:05 CST +0800");
    assertThat(tm.executeText("{{ date \"2006-01-02\" .T }} {{ .T.Unix }}", d)).isEqualTo("2026-03-01 1772352309");
  }

  @Test
  void parseErrorsNameTemplateLineAndColumn() {
    Templates t = Templates.create();
    assertThatThrownBy(() -> t.parse("alert.tmpl", "ok\n{{ if .X }}never closed"))
        .isInstanceOf(TemplateException.class).hasMessage("template: alert.tmpl:2:4: unexpected EOF: missing {{end}} for {{if}}");
    assertThatThrownBy(() -> t.parse("a", "{{ .X | }}")).hasMessageStartingWith("template: a:1:").hasMessageContaining("missing command");
    assertThatThrownBy(() -> t.parse("a", "x {{ nosuch 1 }}")).hasMessage("template: a:1:6: function \"nosuch\" not defined");
    assertThatThrownBy(() -> t.parse("a", "{{ $y }}")).hasMessage("template: a:1:4: undefined variable \"$y\"");
    assertThatThrownBy(() -> t.parse("a", "{{ end }}")).hasMessageContaining("unexpected {{end}}");
    assertThatThrownBy(() -> t.parse("a", "{{ \"open }}")).hasMessageContaining("unterminated quoted string");
  }

  @Test
  void executionErrorsNamePositionAndCause() {
    assertThatThrownBy(() -> Templates.create().parse("a", "\n  {{ .Status.Foo }}").execute("a", DATA))
        .isInstanceOf(TemplateException.class).hasMessageStartingWith("template: a:2:6: ")
        .hasMessageContaining("can't evaluate field Foo");
    assertThatThrownBy(() -> Templates.create().executeText("{{ template \"missing\" }}", DATA))
        .hasMessageContaining("no such template \"missing\"");
    assertThatThrownBy(() -> Templates.create().executeText("{{ index .List 5 }}", DATA))
        .hasMessageContaining("index out of range: 5");
  }

  @Test
  void laterDefinitionsOverrideEarlierOnesAndExecuteTextDoesNotLeak() {
    Templates t = Templates.create().parse("base", "{{ define \"x\" }}one{{ end }}");
    t.parse("override", "{{ define \"x\" }}two{{ end }}");
    assertThat(t.executeText("{{ template \"x\" }}", null)).isEqualTo("two");
    t.executeText("{{ define \"y\" }}temp{{ end }}", null);
    assertThat(t.has("y")).isFalse();
  }

  @Test
  void prometheusStyleVariablesAreProvidedAsData() {
    Map<String, Object> d = Map.of("labels", Map.of("instance", "etl-1"), "value", 0.8734);
    String text = "{{ $labels := .labels }}{{ $value := .value }}{{ $labels.instance }} at {{ $value | humanizePercentage }}";
    assertThat(Templates.create().executeText(text, d)).isEqualTo("etl-1 at 87.34%");
  }
}
