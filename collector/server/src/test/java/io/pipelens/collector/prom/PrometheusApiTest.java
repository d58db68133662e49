package io.pipelens.collector.prom;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.MetricType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query API's answers and errors, in Prometheus's JSON shapes, over an in-memory source. */
class PrometheusApiTest {
  /** Two services counting one span per 15 s from t=0 to t=600 s; "now" is t=600 s. */
  static PrometheusApi api() {
    InMemorySeriesSource source = new InMemorySeriesSource();
    for (long t = 0; t <= 600_000; t += 15_000) {
      source.append(Labels.of("__name__", "pipelens_spans_total", "service", "etl", "language", "python"), t, t / 15_000.0);
      source.append(Labels.of("__name__", "pipelens_spans_total", "service", "score", "language", "r"), t, 2 * t / 15_000.0);
      source.append(Labels.of("__name__", "other_total", "service", "etl", "language", "python"), t, 1);
    }
    Map<String, MetricMetadata> meta = Map.of("pipelens_spans_total",
        new MetricMetadata("pipelens_spans_total", MetricType.COUNTER, "Spans received", ""));
    return new PrometheusApi(source, () -> meta, Clock.fixed(Instant.ofEpochSecond(600), ZoneOffset.UTC), "1.2.3");
  }

  static ApiParams params(String... nameValues) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
    }
    return new ApiParams(m);
  }

  static JsonObject ok(ApiResponse r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("status")).isEqualTo("success");
    return body;
  }

  static JsonObject error(ApiResponse r, int status, String type) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("errorType")).isEqualTo(type);
    return body;
  }

  @Test
  void instantQueryAtNowAndAtAGivenTime() {
    JsonObject data = ok(api().query(params("query", "sum by (service) (rate(pipelens_spans_total[5m]))")))
        .getJsonObject("data");
    assertThat(data.getString("resultType")).isEqualTo("vector");
    JsonArray result = data.getJsonArray("result");
    assertThat(result).hasSize(2);
    assertThat(result.getJsonObject(0).getJsonObject("metric").getMap()).isEqualTo(Map.of("service", "etl"));
    assertThat(result.getJsonObject(0).getJsonArray("value").getValue(0)).isEqualTo(600);
    assertThat(Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1)))
        .isCloseTo(1 / 15.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Double.parseDouble(result.getJsonObject(1).getJsonArray("value").getString(1)))
        .isCloseTo(2 / 15.0, org.assertj.core.data.Offset.offset(1e-9));

    JsonObject at = ok(api().query(params("query", "pipelens_spans_total{service=\"etl\"}",
        "time", "1970-01-01T00:01:00Z"))).getJsonObject("data");
    assertThat(at.getJsonArray("result").getJsonObject(0).getJsonArray("value").getString(1)).isEqualTo("4");
    assertThat(ok(api().query(params("query", "1 + 1", "time", "30.5"))).getJsonObject("data").encode())
        .isEqualTo("{\"resultType\":\"scalar\",\"result\":[30.5,\"2\"]}");
  }

  @Test
  void rangeQueryReturnsAMatrixWithOnePointPerStep() {
    JsonObject data = ok(api().queryRange(params("query", "sum(rate(pipelens_spans_total[5m]))",
        "start", "300", "end", "600", "step", "1m"))).getJsonObject("data");
    assertThat(data.getString("resultType")).isEqualTo("matrix");
    JsonArray values = data.getJsonArray("result").getJsonObject(0).getJsonArray("values");
    assertThat(values).hasSize(6);
    assertThat(values.getJsonArray(0).getValue(0)).isEqualTo(300);
    assertThat(values.getJsonArray(5).getValue(0)).isEqualTo(600);
    assertThat(Double.parseDouble(values.getJsonArray(5).getString(1)))
        .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    // step in seconds with decimals, as Grafana sends it
    assertThat(ok(api().queryRange(params("query", "up", "start", "0", "end", "60", "step", "15.0")))
        .getJsonObject("data").getJsonArray("result")).isEmpty();
  }

  @Test
  void seriesLabelsAndLabelValues() {
    JsonArray series = ok(api().series(params("match[]", "pipelens_spans_total", "match[]", "other_total{service=\"nope\"}")))
        .getJsonArray("data");
    assertThat(series).hasSize(2);
    assertThat(series.getJsonObject(0).getMap()).isEqualTo(
        Map.of("__name__", "pipelens_spans_total", "language", "python", "service", "etl"));

    assertThat(ok(api().labels(params())).getJsonArray("data").getList())
        .containsExactly("__name__", "language", "service");
    assertThat(ok(api().labelValues("__name__", params())).getJsonArray("data").getList())
        .containsExactly("other_total", "pipelens_spans_total");
    // Grafana's label_values(pipelens_spans_total{service=~"score"}, language)
    assertThat(ok(api().labelValues("language", params("match[]", "pipelens_spans_total{service=~\"score\"}",
        "start", "0", "end", "600"))).getJsonArray("data").getList()).containsExactly("r");
    // a window without samples selects nothing
    assertThat(ok(api().labelValues("service", params("start", "5000", "end", "6000"))).getJsonArray("data")).isEmpty();
    assertThat(ok(api().labelValues("service", params("limit", "1"))).getJsonArray("data").getList())
        .containsExactly("etl");
  }

  @Test
  void metadataAndBuildInfo() {
    JsonObject meta = ok(api().metadata(params())).getJsonObject("data");
    assertThat(meta.getJsonArray("pipelens_spans_total").getJsonObject(0).getMap())
        .isEqualTo(Map.of("type", "counter", "help", "Spans received", "unit", ""));
    assertThat(ok(api().metadata(params("metric", "other_total"))).getJsonObject("data")).isEmpty();
    JsonObject build = ok(api().buildInfo()).getJsonObject("data");
    assertThat(build.getString("version")).isEqualTo("3.0.0");
    assertThat(build.getString("revision")).isEqualTo("pipelens-1.2.3");
  }

  @Test
  void badParametersAreBadDataNamingTheParameter() {
    assertThat(error(api().query(params()), 400, "bad_data").getString("error"))
        .isEqualTo("invalid parameter \"query\": missing");
    assertThat(error(api().query(params("query", "sum(")), 400, "bad_data").getString("error"))
        .contains("parse error");
    assertThat(error(api().query(params("query", "up", "time", "yesterday")), 400, "bad_data").getString("error"))
        .isEqualTo("invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp");
    assertThat(error(api().queryRange(params("query", "up", "start", "10", "end", "0", "step", "1")), 400, "bad_data")
        .getString("error")).isEqualTo("end timestamp must not be before start time");
    assertThat(error(api().queryRange(params("query", "up", "start", "0", "end", "10", "step", "0")), 400, "bad_data")
        .getString("error")).contains("zero or negative query resolution step");
    assertThat(error(api().queryRange(params("query", "up", "start", "0", "end", "10", "step", "soon")), 400, "bad_data")
        .getString("error")).isEqualTo("invalid parameter \"step\": cannot parse \"soon\" to a valid duration");
    assertThat(error(api().queryRange(params("query", "up", "start", "0", "end", "10")), 400, "bad_data")
        .getString("error")).isEqualTo("invalid parameter \"step\": missing");
    assertThat(error(api().queryRange(params("query", "up", "start", "0", "end", "100000", "step", "1")), 400, "bad_data")
        .getString("error")).contains("exceeded maximum resolution");
    assertThat(error(api().series(params()), 400, "bad_data").getString("error"))
        .isEqualTo("no match[] parameter provided");
    assertThat(error(api().series(params("match[]", "{service=\"\"}")), 400, "bad_data").getString("error"))
        .startsWith("invalid parameter \"match[]\"").contains("at least one non-empty matcher");
    assertThat(error(api().series(params("match[]", "sum(up)")), 400, "bad_data").getString("error"))
        .contains("expected a series selector");
    assertThat(error(api().labelValues("bad-name", params()), 400, "bad_data").getString("error"))
        .isEqualTo("invalid label name: \"bad-name\"");
  }

  @Test
  void evaluationErrorsAreExecutionErrors() {
    // both series lose their name: two samples with the same label set
    assertThat(error(api().query(params("query", "{__name__=~\"pipelens_spans_total|other_total\", service=\"etl\"} * 1")),
        422, "execution").getString("error")).contains("same labelset");
  }
}
