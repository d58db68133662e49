package io.pipelens.drift.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.drift.ConformanceData;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SampleBatchParserTest {
  private static final String VALID = """
      {"model": "churn", "version": "3", "timestamp_unix_nano": "1700000000000000000",
       "trace_id": "4BF92F3577B34DA6A3CE929D0E0E4736",
       "columns": {"age": [31, 45.5, null], "country": ["de", "fr", "de"]},
       "prediction": [0.2, 0.9, 0.4], "label": [0, 1, 0],
       "trace_ids": ["4bf92f3577b34da6a3ce929d0e0e4736", null, "00f067aa0ba902b7a3ce929d0e0e4736"]}
      """;

  @Test
  void parsesTheDocumentedExample() {
    SampleBatch b = SampleBatchParser.parse(VALID);
    assertThat(b.model()).isEqualTo("churn");
    assertThat(b.version()).isEqualTo("3");
    assertThat(b.rows()).isEqualTo(3);
    assertThat(b.timestampUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(b.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(b.columns()).containsOnlyKeys("age", "country");
    assertThat(b.columns().get("age").numeric()).isTrue();
    assertThat(b.columns().get("age").number(1)).isEqualTo(45.5);
    assertThat(b.columns().get("age").key(2)).isNull();
    assertThat(b.columns().get("country").key(1)).isEqualTo("fr");
    assertThat(b.prediction().number(1)).isEqualTo(0.9);
    assertThat(b.label().key(1)).isEqualTo("1");
    assertThat(b.traceIds()).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", null, "00f067aa0ba902b7a3ce929d0e0e4736");
  }

  @Test
  void optionalFieldsMayBeAbsent() {
    SampleBatch b = SampleBatchParser.parse("{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"x\":[1]}}");
    assertThat(b.timestampUnixNano()).isNull();
    assertThat(b.prediction()).isNull();
    assertThat(b.traceIds()).isNull();
  }

  @Test
  void errorsNameColumnRowAndExpectation() {
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"a\":[1,2],\"b\":[1]}}",
        "columns.b: has 1 rows, expected 2");
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"a\":[1,true]}}",
        "columns.a[1]: expected a number, string or null, got boolean");
    assertRejected("{\"version\":\"1\",\"columns\":{\"a\":[1]}}", "'model' is required");
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"columns\":{}}", "'columns' must be an object");
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"a\":[1]},\"trace_id\":\"xyz\"}",
        "trace_id: expected 32 hex digits");
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"a\":[1]},\"prediction\":[1,2]}",
        "prediction: has 2 rows, expected 1");
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"a\":[1]},\"timestamp_unix_nano\":\"soon\"}",
        "'timestamp_unix_nano' must be a decimal string");
    assertRejected("{\"model\":\"m\",\"version\":\"1\",\"colums\":{\"a\":[1]}}", "unknown field 'colums'");
    assertRejected("[1,2]", "body must be a JSON object");
    assertRejected("{\"model\":", "body is not valid JSON");
  }

  @Test
  void acceptsTheBatchAsAnOtlpLogRecordBody() throws Exception {
    ObjectMapper json = new ObjectMapper();
    // an OTLP/JSON log record shaped like the upstream events example, carrying our event
    ObjectNode upstream = (ObjectNode) json.readTree(
        Files.readString(ConformanceData.resolve("otlp/events.json")));
    ObjectNode record = (ObjectNode) upstream.at("/resourceLogs/0/scopeLogs/0/logRecords/0");
    assertThat(SampleBatchParser.isSampleEvent(record)).isFalse();
    record.put("eventName", SampleBatchParser.EVENT_NAME);
    record.put("traceId", "5b8efff798038103d269b633813fc60c");
    record.set("body", json.createObjectNode().put("stringValue",
        "{\"model\":\"churn\",\"version\":\"3\",\"columns\":{\"age\":[31,40]}}"));
    SampleBatch b = SampleBatchParser.parseOtlpLogRecord(record);
    assertThat(b.rows()).isEqualTo(2);
    assertThat(b.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(b.timestampUnixNano()).isEqualTo(1544712660300000000L);
  }

  @Test
  void eventNameMayComeAsAnAttributeAndOtherEventsAreRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String body = "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"x\":[1]}}";
    ObjectNode record = (ObjectNode) json.readTree("""
        {"attributes": [{"key": "event.name", "value": {"stringValue": "pipelens.model.samples"}}],
         "body": {"stringValue": %s}}""".formatted(json.writeValueAsString(body)));
    assertThat(SampleBatchParser.parseOtlpLogRecord(record).model()).isEqualTo("m");
    record.remove("attributes");
    assertThatThrownBy(() -> SampleBatchParser.parseOtlpLogRecord(record))
        .isInstanceOf(SampleFormatException.class)
        .hasMessage("log record is not a 'pipelens.model.samples' event");
  }

  private static void assertRejected(String body, String message) {
    assertThatThrownBy(() -> SampleBatchParser.parse(body))
        .isInstanceOf(SampleFormatException.class)
        .hasMessageContaining(message);
  }
}
