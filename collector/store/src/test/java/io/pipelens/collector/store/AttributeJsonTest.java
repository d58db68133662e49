package io.pipelens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeJsonTest {
  @Test
  void stringsThatNeedEscapingRoundTripAndPlainOnesAreCopiedAsIs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("plain", "churn-daily");
    map.put("q\"uote", "line1\nline2\t\"quoted\" back\\slash \u0001 ctrl \r end");
    map.put("unicode", "größe ✓ 𝄞");
    map.put("nested", List.of("a\"b", Map.of("k\n", "v\\")));

    String json = AttributeJson.encodeMap(map, "span");

    assertThat(json).startsWith("{\"plain\":\"churn-daily\",\"q\\\"uote\":\"line1\\nline2\\t\\\"quoted\\\" back\\\\slash \\u0001 ctrl \\r end\"");
    assertThat(AttributeJson.decodeMap(json)).isEqualTo(map);
    assertThat(AttributeJson.encodeMapUnnamed(map)).isEqualTo(json);
  }

  @Test
  void anUnsupportedValueIsNamedByItsPath() {
    Map<String, Object> map = Map.of("outer", Map.of("when", Duration.ofSeconds(1)));
    assertThatThrownBy(() -> AttributeJson.encodeMapUnnamed(map))
        .isInstanceOf(AttributeJson.Unencodable.class);
    assertThatThrownBy(() -> AttributeJson.encodeMap(map, "batch 0 span 3.attributes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch 0 span 3.attributes.outer.when")
        .hasMessageContaining("java.time.Duration");
  }
}
