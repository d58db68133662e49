package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private final Labels l = Labels.of("job", "api", "__name__", "up", "instance", "a:9090");

  @Test
  void sortsByNameAndDropsEmptyValues() {
    assertThat(l.name(0)).isEqualTo("__name__");
    assertThat(l.toString()).isEqualTo("up{instance=\"a:9090\", job=\"api\"}");
    assertThat(l.with("job", "")).isEqualTo(Labels.of("__name__", "up", "instance", "a:9090"));
    assertThat(Labels.of("a", "")).isEqualTo(Labels.EMPTY);
  }

  @Test
  void keepDropAndWithoutLeaveTheOriginalUnchanged() {
    assertThat(l.keep(List.of("job", "missing"))).isEqualTo(Labels.of("job", "api"));
    assertThat(l.drop(List.of("job"))).isEqualTo(Labels.of("__name__", "up", "instance", "a:9090"));
    assertThat(l.withoutMetricName().toFullString()).isEqualTo("{instance=\"a:9090\", job=\"api\"}");
    assertThat(l.get("absent")).isEmpty();
    assertThat(l.size()).isEqualTo(3);
  }

  @Test
  void ordersLikePrometheus() {
    assertThat(Labels.of("a", "1")).isLessThan(Labels.of("a", "2"));
    assertThat(Labels.of("a", "1")).isLessThan(Labels.of("a", "1", "b", "1"));
  }
}
