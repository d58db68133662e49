package io.pipelens.collector.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.ingest.RequestStrings;
import io.pipelens.collector.store.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The JSON fast path against the reference: zipkin2's decoder plus {@link ZipkinSpanConverter}.
 * Where the fast path answers, its records must equal the reference's; where the shape is not
 * the common one, it must answer null so zipkin2 decodes the body.
 */
class ZipkinJsonFastPathTest {
  private static final String[] KINDS = {null, "CLIENT", "SERVER", "PRODUCER", "CONSUMER"};
  private static final String[] KEYS = {"http.method", "http.route", "Error", "error", "otel.status_code",
      "otel.status_description", "otel.scope.name", "otel.library.version", "rows", "z", "a.b", ""};
  private static final String[] VALUES = {"GET", "/api/{id}", "", "ERROR", "ok", "Unset", "500",
      "naïve \"quoted\" \\ tab\t ✓", "x"};

  @Test
  void randomSpansOfTheCommonShapeDecodeExactlyAsZipkin2AndTheConverter() {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
        spans.add(randomSpan(random));
      }
      byte[] json = SpanBytesEncoder.JSON_V2.encodeList(spans);

      List<SpanRecord> fast = ZipkinJsonFastPath.decode(json, new RequestStrings());

      assertThat(fast).as("round %d: %s", round, new String(json, StandardCharsets.UTF_8))
          .isNotNull().containsExactlyElementsOf(reference(json));
    }
  }

  @Test
  void handWrittenBodiesOfTheCommonShapeToo() {
    String[] bodies = {
      "[]",
      " [ ] ",
      // tags out of order with a repeated key (the last wins, as in zipkin2's tree map)
      """
      [{"traceId":"0000000000000000463ac35c9f6413ad","id":"463ac35c9f6413ad","name":"GET /A",
        "kind":"SERVER","timestamp":1700000000000001,"duration":5,"debug":true,"shared":false,
        "localEndpoint":{"serviceName":"Billing"},
        "tags":{"z":"1","a":"2","z":"3","error":"boom"},"annotations":[]}]""",
      // nulls where fields are optional, unknown nothing
      """
      [{"traceId":"463ac35c9f6413ad","id":"0102030405060708","parentId":"0102030405060709",
        "name":null,"kind":null,"localEndpoint":{"serviceName":""},"tags":{}}]""",
      """
      [{"id":"0102030405060708","traceId":"463ac35c9f6413ad463ac35c9f6413ad","shared":true,
        "name":"","tags":{"otel.status_code":"OK","error":"ignored description"}}]""",
    };
    for (String body : bodies) {
      byte[] json = body.getBytes(StandardCharsets.UTF_8);
      assertThat(ZipkinJsonFastPath.decode(json, new RequestStrings())).as(body)
          .isNotNull().containsExactlyElementsOf(reference(json));
    }
  }

  @Test
  void otherShapesAndBadInputAreLeftToZipkin2() {
    String ok = "\"traceId\":\"463ac35c9f6413ad\",\"id\":\"0102030405060708\"";
    String[] bodies = {
      "[{" + ok + ",\"annotations\":[{\"timestamp\":1,\"value\":\"ws\"}]}]",
      "[{" + ok + ",\"remoteEndpoint\":{\"serviceName\":\"db\"}}]",
      "[{" + ok + ",\"localEndpoint\":{\"serviceName\":\"a\",\"ipv4\":\"10.0.0.1\"}}]",
      "[{" + ok + ",\"tags\":{\"n\":5}}]",
      "[{" + ok + ",\"kind\":\"INTERNAL\"}]",
      "[{" + ok + ",\"timestamp\":1.5}]",
      "[{" + ok + ",\"unknown\":1}]",
      "[{\"traceId\":\"463AC35C9F6413AD\",\"id\":\"0102030405060708\"}]",
      "[{\"traceId\":\"463ac35c9f6413a\",\"id\":\"0102030405060708\"}]",
      "[{\"traceId\":\"0000000000000000\",\"id\":\"0102030405060708\"}]",
      "[{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"0000000000000000\"}]",
      "[{\"traceId\":\"463ac35c9f6413ad\"}]",
      "[{" + ok + "}",
      "[{" + ok + "}] trailing",
      "{\"not\":\"a list\"}",
      "",
    };
    for (String body : bodies) {
      assertThat(ZipkinJsonFastPath.decode(body.getBytes(StandardCharsets.UTF_8),
          new RequestStrings())).as(body).isNull();
    }
  }

  private static List<SpanRecord> reference(byte[] json) {
    List<SpanRecord> out = new ArrayList<>();
    RequestStrings strings = new RequestStrings();
    for (Span s : SpanBytesDecoder.JSON_V2.decodeList(json)) {
      SpanRecord r = ZipkinSpanConverter.convert(s, strings);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static Span randomSpan(Random random) {
    String traceId = random.nextInt(4) == 0 ? hex(random, 16)
        : random.nextInt(3) == 0 ? "0000000000000000" + hex(random, 16) : hex(random, 32);
    Span.Builder b = Span.newBuilder().traceId(traceId).id(hex(random, 16));
    if (random.nextBoolean()) {
      b.parentId(hex(random, 16));
    }
    int name = random.nextInt(4);
    if (name > 0) {
      b.name(name == 1 ? "" : name == 2 ? "GET /Users/{ID}" : "fit model");
    }
    String kind = KINDS[random.nextInt(KINDS.length)];
    if (kind != null) {
      b.kind(Span.Kind.valueOf(kind));
    }
    if (random.nextInt(5) > 0) {
      b.timestamp(1_700_000_000_000_000L + random.nextInt(1_000_000));
    }
    if (random.nextInt(5) > 0) {
      b.duration(random.nextInt(10_000_000));
    }
    if (random.nextInt(4) == 0) {
      b.shared(random.nextBoolean());
    }
    if (random.nextInt(4) == 0) {
      b.debug(random.nextBoolean());
    }
    if (random.nextInt(6) > 0) {
      b.localEndpoint(Endpoint.newBuilder()
          .serviceName(random.nextBoolean() ? "Feature-Job" : "scorer").build());
    }
    for (int i = 0, n = random.nextInt(12); i < n; i++) {
      b.putTag(KEYS[random.nextInt(KEYS.length)], VALUES[random.nextInt(VALUES.length)]);
    }
    return b.build();
  }

  private static String hex(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    if (sb.chars().allMatch(c -> c == '0')) {
      sb.setCharAt(length - 1, '1');
    }
    return sb.toString();
  }
}
