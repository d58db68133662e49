package io.pipelens.alerts.notify.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertModelTest {
  @Test
  void fingerprintMatchesPrometheusLabelSetFingerprint() {
    // values from prometheus/common model/signature_test.go
    assertThat(Fingerprint.of(Map.of())).isEqualTo(Long.parseUnsignedLong("14695981039346656037"));
    assertThat(Fingerprint.of(Map.of("name", "garland, briggs", "fear", "love is not enough")))
        .isEqualTo(Long.parseUnsignedLong("5799056148416392346"));
    assertThat(Fingerprint.hex(Map.of("name", "garland, briggs", "fear", "love is not enough"))).isEqualTo(String.format("%016x", 5799056148416392346L));
  }

  @Test
  void matchersParseAllOperatorsQuotedAndBare() {
    assertThat(Matchers.parse("{alertname=\"Lag\", team=~\"data|ml\",env!=prod , x!~\"a\\\"b\"}")).containsExactly(
        Matcher.of("alertname", Matcher.Type.EQ, "Lag"), Matcher.of("team", Matcher.Type.RE, "data|ml"),
        Matcher.of("env", Matcher.Type.NE, "prod"), Matcher.of("x", Matcher.Type.NRE, "a\"b"));
    Matcher re = Matcher.of("team", Matcher.Type.RE, "data|ml");
    assertThat(re.matches(Map.of("team", "data"))).isTrue();
    assertThat(re.matches(Map.of("team", "database"))).isFalse(); // anchored
    assertThat(Matcher.of("env", Matcher.Type.EQ, "").matches(Map.of())).isTrue(); // missing label is ""
    assertThat(Matcher.fromApi("a", "b", true, false).type()).isEqualTo(Matcher.Type.NRE);
  }

  @Test
  void badMatchersSayWhatIsWrong() {
    assertThatThrownBy(() -> Matchers.parse("team=~\"(open\"")).hasMessageContaining("invalid regular expression");
    assertThatThrownBy(() -> Matchers.parse("team \"x\"")).hasMessageContaining("expected one of =, !=, =~, !~");
    assertThatThrownBy(() -> Matchers.parse("team=\"x")).hasMessageContaining("unterminated quoted value");
  }

  @Test
  void mergeKeepsEarliestStartAndExplicitEnd() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Alert old = new Alert(Map.of("a", "b"), Map.of(), t, t.plusSeconds(600), "", t, false);
    Alert newer = new Alert(Map.of("a", "b"), Map.of("s", "new"), t.plusSeconds(60), t.plusSeconds(360), "", t.plusSeconds(60), true);

    Alert m = old.merge(newer, t.plusSeconds(60));

    assertThat(m.startsAt()).isEqualTo(t);
    assertThat(m.endsAt()).isEqualTo(t.plusSeconds(600));
    assertThat(m.annotations()).containsEntry("s", "new");
  }
}
