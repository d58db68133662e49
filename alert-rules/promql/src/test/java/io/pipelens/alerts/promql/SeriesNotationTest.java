package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeriesNotationTest {

  @Test
  void expandsThePromtoolDocumentationExamples() {
    assertThat(SeriesNotation.expand("-2+4x3")).containsExactly(-2.0, 2.0, 6.0, 10.0);
    assertThat(SeriesNotation.expand(" 1-2x4")).containsExactly(1.0, -1.0, -3.0, -5.0, -7.0);
    assertThat(SeriesNotation.expand(" 1x4")).containsExactly(1.0, 1.0, 1.0, 1.0, 1.0);
    var v = SeriesNotation.expand(" 1 _x3 stale");
    assertThat(v.subList(0, 4)).isEqualTo(Arrays.asList(1.0, null, null, null));
    assertThat(Point.isStaleMarker(v.get(4))).isTrue();
    assertThat(SeriesNotation.expand("1e3+1e-1x1 Inf -Inf NaN")).hasSize(5).startsWith(1000.0, 1000.1);
  }

  @Test
  void readsSeriesLabelsAndRejectsBadInput() {
    assertThat(SeriesNotation.labels("up{job=\"api\", instance=\"a\"}"))
        .isEqualTo(Labels.of("__name__", "up", "job", "api", "instance", "a"));
    assertThatThrownBy(() -> SeriesNotation.labels("up{job=~\"a.*\"}")).hasMessageContaining("may only use = matchers");
    assertThatThrownBy(() -> SeriesNotation.expand("1 two 3")).hasMessageContaining("\"two\"");
    assertThatThrownBy(() -> SeriesNotation.expand("{{schema:0 sum:1 count:1}}")).hasMessageContaining("native histogram");
  }
}
