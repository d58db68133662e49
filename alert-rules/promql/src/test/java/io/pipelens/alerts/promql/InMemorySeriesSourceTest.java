package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySeriesSourceTest extends SeriesSourceContractTest {
  private InMemorySeriesSource memory;

  @Override
  protected SeriesSource newSource() {
    memory = new InMemorySeriesSource();
    return memory;
  }

  @Override
  protected void write(Labels labels, long t, double v) {
    memory.append(labels, t, v);
  }

  @Test
  void outOfOrderAppendsAreSortedAndDuplicatesReplaced() {
    Labels l = Labels.of("__name__", "late");
    memory.append(l, 30_000, 3);
    memory.append(l, 10_000, 1);
    memory.append(l, 10_000, 1.5);
    List<Series> s = memory.select(List.of(LabelMatcher.of("__name__", LabelMatcher.Type.EQ, "late")), 0, 60_000);
    assertThat(s.get(0).points()).containsExactly(new Point(10_000, 1.5), new Point(30_000, 3));
  }
}
