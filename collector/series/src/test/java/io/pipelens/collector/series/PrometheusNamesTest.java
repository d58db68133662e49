package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusNamesTest {

  @ParameterizedTest(name = "{0} [{1}] counter={2} gauge={3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      "http.server.duration   | ms     | false | false | http_server_duration_milliseconds",
      "system.filesystem.usage| By     | false | true  | system_filesystem_usage_bytes",
      "system.network.dropped | {packets} | true | false | system_network_dropped_total",
      "system.network.dropped | packets| false | true  | system_network_dropped_packets",
      "system.memory.utilization | 1   | false | true  | system_memory_utilization_ratio",
      "my.counter             | 1      | true  | false | my_counter_total",
      "requests.total         | 1      | true  | false | requests_total",
      "network.io             | By/s   | false | true  | network_io_bytes_per_second",
      "throughput             | 1/s    | false | true  | throughput_per_second",
      "latency_seconds        | s      | false | false | latency_seconds",
      "(lambda).function.executions(#) | | true | false | lambda_function_executions_total",
      "2xx.responses          |        | false | true  | _2xx_responses",
      "queue..depth__max      | {items}| false | true  | queue_depth_max",
      "pipeline.rows          | Cel    | false | true  | pipeline_rows_celsius",
  })
  void metricNamesFollowTheOpenTelemetryPrometheusRules(String name, String unit, boolean counter, boolean gauge, String expected) {
    assertThat(PrometheusNames.metricName(name.strip(), unit == null ? "" : unit.strip(), counter, gauge)).isEqualTo(expected);
  }

  @Test
  void labelNamesAreSanitised() {
    assertThat(PrometheusNames.labelName("http.method")).isEqualTo("http_method");
    assertThat(PrometheusNames.labelName("a..b--c")).isEqualTo("a_b_c");
    assertThat(PrometheusNames.labelName("2xx")).isEqualTo("key_2xx");
    assertThat(PrometheusNames.labelName("_private")).isEqualTo("key_private");
    assertThat(PrometheusNames.labelName("__reserved")).isEqualTo("__reserved");
    assertThat(PrometheusNames.labelName("ünïcode.key")).isEqualTo("key_n_code_key");
  }

  @Test
  void unitWords() {
    assertThat(PrometheusNames.unit("s")).isEqualTo("seconds");
    assertThat(PrometheusNames.unit("KiBy")).isEqualTo("kibibytes");
    assertThat(PrometheusNames.unit("{request}")).isEmpty();
    assertThat(PrometheusNames.unit("1")).isEmpty();
  }
}
