package io.pipelens.collector.prom;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.collector.rules.SeriesStoreSource;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector's own Micrometer meters, sampled into a history, answer rate() queries. */
class SelfMetricsHistoryTest {

  @Test
  void samplesOfTheRegistryAnswerRateQueriesWithTheirLabelsAndMetadata() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter accepted = Counter.builder("pipelens.ingest.items.accepted").description("Items durably stored")
        .tags("signal", "traces", "protocol", "otlp_http").register(registry);
    Counter odd = Counter.builder("odd").tags("path", "a \"quoted\" \\ value\nnext").register(registry);
    SelfMetricsHistory history = new SelfMetricsHistory(3_600_000);
    for (int i = 0; i <= 20; i++) {
      history.record(registry.scrape(), i * 15_000L);
      accepted.increment(30);
      odd.increment();
    }
    assertThat(history.skippedLines()).isZero();
    PrometheusApi api = new PrometheusApi(new SeriesStoreSource(history.store()), () -> history.store().allMetadata(),
        Clock.fixed(Instant.ofEpochSecond(300), ZoneOffset.UTC), "t");
    JsonObject answer = new JsonObject(api.query(PrometheusApiTest.params("query",
        "sum by (signal, protocol) (rate(pipelens_ingest_items_accepted_total[5m]))")).body());
    JsonObject sample = answer.getJsonObject("data").getJsonArray("result").getJsonObject(0);
    assertThat(sample.getJsonObject("metric").encode()).isEqualTo("{\"protocol\":\"otlp_http\",\"signal\":\"traces\"}");
    assertThat(Double.parseDouble(sample.getJsonArray("value").getString(1))).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(new JsonObject(api.labelValues("path", PrometheusApiTest.params()).body()).getJsonArray("data").getList())
        .isEqualTo(List.of("a \"quoted\" \\ value\nnext"));
    assertThat(new JsonObject(api.metadata(PrometheusApiTest.params()).body()).getJsonObject("data").encode())
        .contains("\"type\":\"counter\"", "Items durably stored");
  }
}
