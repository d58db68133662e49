package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PrometheusJsonTest {
  private final InMemorySeriesSource source = new InMemorySeriesSource();
  private final PromqlEngine engine = new PromqlEngine(source);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void vectorResultHasPrometheusApiShape() throws Exception {
    source.append(Labels.of("__name__", "up", "job", "a\"b"), 1_500, 1);
    JsonNode n = json.readTree(PrometheusJson.success(engine.instantQuery("up", 2_500)));
    assertThat(n.at("/status").asText()).isEqualTo("success");
    assertThat(n.at("/data/resultType").asText()).isEqualTo("vector");
    assertThat(n.at("/data/result/0/metric/job").asText()).isEqualTo("a\"b");
    assertThat(n.at("/data/result/0/value/0").asDouble()).isEqualTo(2.5);
    assertThat(n.at("/data/result/0/value/1").asText()).isEqualTo("1");
  }

  @Test
  void matrixAndScalarResultsWithSpecialValuesAndWarnings() throws Exception {
    source.append(Labels.of("__name__", "v"), 0, Double.POSITIVE_INFINITY);
    source.append(Labels.of("__name__", "v"), 60_000, 0.25);
    JsonNode m = json.readTree(PrometheusJson.success(engine.rangeQuery("sort(v)", 0, 60_000, 60_000)));
    assertThat(m.at("/data/resultType").asText()).isEqualTo("matrix");
    assertThat(m.at("/data/result/0/values/0/1").asText()).isEqualTo("+Inf");
    assertThat(m.at("/data/result/0/values/1").toString()).isEqualTo("[60,\"0.25\"]");
    assertThat(m.at("/warnings/0").asText()).startsWith("PromQL warning: sort is ineffective");
    JsonNode s = json.readTree(PrometheusJson.success(engine.instantQuery("0/0", 1_234)));
    assertThat(s.at("/data/result").toString()).isEqualTo("[1.234,\"NaN\"]");
  }

  @Test
  void errorBody() throws Exception {
    JsonNode e = json.readTree(PrometheusJson.error("bad_data", "1:5: parse error: unexpected \"}\""));
    assertThat(e.at("/status").asText()).isEqualTo("error");
    assertThat(e.at("/errorType").asText()).isEqualTo("bad_data");
    assertThat(e.at("/error").asText()).contains("unexpected \"}\"");
  }
}
