package io.pipelens.alerts.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.alerts.promql.Point;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeriesValuesTest {
  @Test
  void expandsPromtoolNotation() {
    assertThat(SeriesValues.parse("1+2x3 _ 4-1x2 _x2 5x1 -1 Inf")).containsExactly(
        1.0, 3.0, 5.0, 7.0, null, 4.0, 3.0, 2.0, null, null, 5.0, 5.0, -1.0, Double.POSITIVE_INFINITY);
    assertThat(SeriesValues.parse("0x10")).as("0x10 repeats 0, it is not hex").hasSize(11).containsOnly(0.0);
  }

  @Test
  void staleIsAStaleMarker() {
    assertThat(Point.isStaleMarker(SeriesValues.parse("0 stale").get(1))).isTrue();
  }

  @Test
  void badItemsAreNamed() {
    assertThatThrownBy(() -> SeriesValues.parse("1 two 3")).hasMessageContaining("\"two\"");
    assertThatThrownBy(() -> SeriesValues.parse("{{schema:1 sum:3}}")).hasMessageContaining("native histogram");
  }

  @Test
  void floatsPrintLikeGoE() {
    assertThat(Arrays.asList(GoText.floatE(1), GoText.floatE(60), GoText.floatE(0.0015), GoText.floatE(-123456.75),
        GoText.floatE(Double.NaN))).containsExactly("1E+00", "6E+01", "1.5E-03", "-1.2345675E+05", "NaN");
    assertThat(GoText.goDuration(179_999)).isEqualTo("2m59.999s");
    assertThat(GoText.modelDuration(86_400_000)).isEqualTo("1d");
  }
}
