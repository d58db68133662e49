package io.pipelens.collector.derived;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.SpanRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceIndexTest {

  @Test
  void remembersServicesAndSpanNamesUpToItsBoundsAndCountsTheRest() {
    ServiceIndex index = new ServiceIndex(2, 2);
    for (String[] s : new String[][] {{"train", "load"}, {"train", "fit"}, {"train", "load"},
        {"train", "score"}, {"serve", "predict"}, {"etl", "extract"}}) {
      index.record(span(s[0], s[1]));
    }
    assertThat(index.services()).containsExactly("serve", "train");
    assertThat(index.spanNames("train")).containsExactly("fit", "load");
    assertThat(index.spanNames("etl")).isEmpty();
    assertThat(index.overflow()).isEqualTo(2); // "score" and the service "etl"
  }

  private static SpanRecord span(String service, String name) {
    return new SpanRecord("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", "", 0, name, 1,
        1, 2, 0, "", service, "java", Map.of(), "", "", Map.of(), List.of(), List.of());
  }
}
