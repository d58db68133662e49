package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.spanId;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanBlockCodecTest {

  @Test
  void spansComeBackEqualAndShareTheirResource() {
    List<SpanRecord> spans = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      spans.add(span(traceId(i % 3), i, i == 0 ? "" : spanId(i - 1), T0 + i));
    }
    List<SpanRecord> back = SpanBlockCodec.decode(SpanBlockCodec.encode(spans));

    assertThat(back).isEqualTo(spans);
    assertThat(back.get(7).resource()).isSameAs(back.get(42).resource());
  }

  @Test
  void blocksWrittenBackToBackDecodeAsOneList() {
    List<SpanRecord> first = List.of(span(traceId(1), 1, "", T0), span(traceId(1), 2, spanId(1), T0));
    SpanRecord third = span(traceId(1), 3, spanId(1), T0 + 9);
    byte[] a = SpanBlockCodec.encode(first);
    byte[] b = SpanBlockCodec.encode(List.of(third)); // its own dictionary and resources
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);

    assertThat(SpanBlockCodec.decodeAll(both)).containsExactly(first.get(0), first.get(1), third);
    assertThatThrownBy(() -> SpanBlockCodec.decode(both)).hasMessageContaining("trailing bytes");
  }

  @Test
  void everyAttributeKindEventAndLinkRoundTrips() {
    SpanRecord rich = TelemetryFixtures.richSpan(traceId(1), T0);
    SpanRecord back = SpanBlockCodec.decode(SpanBlockCodec.encode(List.of(rich))).get(0);

    assertThat(back).usingRecursiveComparison().ignoringFields("attributes").isEqualTo(rich);
    assertThat(back.attributes().keySet()).containsExactlyElementsOf(rich.attributes().keySet());
    for (Map.Entry<String, Object> e : rich.attributes().entrySet()) {
      Object got = back.attributes().get(e.getKey());
      if (e.getValue() instanceof byte[] b) {
        assertThat((byte[]) got).as(e.getKey()).isEqualTo(b);
      } else {
        assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
    assertThat(back.attributes().get("nan")).isInstanceOf(Double.class);
    assertThat(back.attributes().get("int")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void oddIdsNullFieldsAndNarrowNumbersSurvive() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("int", 7);
    attrs.put("float", 0.5f);
    attrs.put("neg", Long.MIN_VALUE);
    SpanRecord odd = new SpanRecord("ABCDEF", "not-hex-at-all!!", "", null, -1, "n", 0, -5L,
        Long.MAX_VALUE, 2, null, "", "", null, null, null, attrs, null, null);
    SpanRecord back = SpanBlockCodec.decode(SpanBlockCodec.encode(List.of(odd))).get(0);

    assertThat(back.traceId()).isEqualTo("ABCDEF");
    assertThat(back.spanId()).isEqualTo("not-hex-at-all!!");
    assertThat(back.flags()).isEqualTo(-1);
    assertThat(back.startEpochNanos()).isEqualTo(-5L);
    assertThat(back.endEpochNanos()).isEqualTo(Long.MAX_VALUE);
    assertThat(back.attributes()).containsEntry("int", 7L).containsEntry("float", 0.5)
        .containsEntry("neg", Long.MIN_VALUE);
    assertThat(back.events()).isNull();
    assertThat(back.resource()).isNull();
  }

  @Test
  void truncatedOrForeignBytesAreRejectedWithAReason() {
    byte[] block = SpanBlockCodec.encode(List.of(span(traceId(1), 1, "", T0)));
    for (int cut : new int[] {1, block.length / 2, block.length - 1}) {
      byte[] part = Arrays.copyOf(block, cut);
      assertThatThrownBy(() -> SpanBlockCodec.decode(part))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] future = block.clone();
    future[0] = 9;
    assertThatThrownBy(() -> SpanBlockCodec.decode(future))
        .hasMessageContaining("span block version 9");
  }

  @Test
  void unsupportedAttributeValueNamesItsType() {
    SpanRecord bad = span(traceId(1), 1, "", T0);
    Map<String, Object> attrs = new LinkedHashMap<>(bad.attributes());
    attrs.put("when", new Object());
    SpanRecord withBad = new SpanRecord(bad.traceId(), bad.spanId(), bad.parentSpanId(),
        bad.traceState(), bad.flags(), bad.name(), bad.kind(), bad.startEpochNanos(),
        bad.endEpochNanos(), bad.statusCode(), bad.statusMessage(), bad.serviceName(),
        bad.language(), bad.resource(), bad.scopeName(), bad.scopeVersion(), attrs, bad.events(),
        bad.links());
    assertThatThrownBy(() -> SpanBlockCodec.encode(List.of(withBad)))
        .hasMessageContaining("java.lang.Object");
  }
}
