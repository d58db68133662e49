package io.pipelens.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactAttributesTest {

  @Test
  void behavesAsAnInsertionOrderedMapEqualToALinkedHashMap() {
    Map<String, Object> expected = new LinkedHashMap<>();
    CompactAttributes.Builder b = CompactAttributes.builder(2); // grows past its estimate
    String[] keys = {"http.route", "a", "rows", "empty", "z"};
    Object[] values = {"/api/{id}", true, 42L, null, 1.5};
    for (int i = 0; i < keys.length; i++) {
      expected.put(keys[i], values[i]);
      b.put(keys[i], values[i]);
    }
    Map<String, Object> map = b.build();

    assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(expected).isEqualTo(map);
    assertThat(map.keySet()).containsExactly(keys);
    assertThat(map.get("rows")).isEqualTo(42L);
    assertThat(map.containsKey("empty")).isTrue();
    assertThat(map.get("missing")).isNull();
    assertThat(map.containsKey("missing")).isFalse();
    List<String> visited = new ArrayList<>();
    map.forEach((k, v) -> visited.add(k + "=" + v));
    assertThat(visited).containsExactly("http.route=/api/{id}", "a=true", "rows=42", "empty=null", "z=1.5");
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRepeatedKeyKeepsItsFirstPositionAndLastValueLikeLinkedHashMap() {
    Map<String, Object> map = CompactAttributes.builder(3).put("a", 1L).put("b", 2L).put("a", 3L).build();

    assertThat(map).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
  }

  @Test
  void manyKeysStayCorrectBeyondTheScannedSize() {
    Map<String, Object> expected = new LinkedHashMap<>();
    CompactAttributes.Builder b = CompactAttributes.builder(4);
    for (int i = 0; i < 100; i++) {
      expected.put("k" + i, (long) i);
      b.put("k" + i, (long) i);
    }
    b.put("k7", "again");
    expected.put("k7", "again");

    Map<String, Object> map = b.build();
    assertThat(map).isEqualTo(expected);
    assertThat(map.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void noAttributesIsTheEmptyMap() {
    assertThat(CompactAttributes.builder(0).build()).isEqualTo(Map.of()).hasSize(0);
  }
}
