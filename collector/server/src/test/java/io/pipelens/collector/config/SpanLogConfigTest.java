package io.pipelens.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.collector.store.SpanLogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanLogConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheDocumentedOnes() {
    SpanLogConfig c = SpanLogConfig.from(ConfigLoader.values(null, Map.of()));

    assertThat(c.enabled()).isTrue();
    assertThat(c.settings()).isEqualTo(SpanLogSettings.defaults());
  }

  @Test
  void fileAndEnvironmentSetTheKeys() throws Exception {
    Path file = dir.resolve("collector.yml");
    Files.writeString(file, """
        collector:
          store:
            span-log:
              load-batch-spans: 10000
              load-interval: 250ms
              max-tail-bytes: 32MiB
        """);
    Map<String, String> env = Map.of("PIPELENS_COLLECTOR_STORE_SPAN_LOG_MAX_TAIL_SPANS", "40000",
        "PIPELENS_COLLECTOR_STORE_SPAN_LOG_ENABLED", "false");

    ConfigLoader.load(file, env); // the file's keys are known keys
    SpanLogConfig c = SpanLogConfig.from(ConfigLoader.values(file, env));

    assertThat(c.enabled()).isFalse();
    assertThat(c.settings().loadBatchSpans()).isEqualTo(10_000);
    assertThat(c.settings().loadInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.settings().maxTailSpans()).isEqualTo(40_000);
    assertThat(c.settings().maxTailBytes()).isEqualTo(32L << 20);
  }

  @Test
  void everyBadKeyIsNamed() {
    Map<String, String> bad = Map.of(
        SpanLogConfig.PREFIX + "enabled", "yes",
        SpanLogConfig.PREFIX + "load-batch-spans", "0",
        SpanLogConfig.PREFIX + "load-interval", "soon",
        SpanLogConfig.PREFIX + "segment-bytes", "-1");

    assertThatThrownBy(() -> SpanLogConfig.from(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
        .hasMessageContaining("collector.store.span-log.enabled: expected true or false, got 'yes'")
        .hasMessageContaining("collector.store.span-log.load-batch-spans")
        .hasMessageContaining("collector.store.span-log.load-interval")
        .hasMessageContaining("collector.store.span-log.segment-bytes");
  }

  @Test
  void theTailBoundMustHoldALoad() {
    assertThatThrownBy(() -> SpanLogConfig.from(Map.of(
            SpanLogConfig.PREFIX + "load-batch-spans", "1000",
            SpanLogConfig.PREFIX + "max-tail-spans", "999")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collector.store.span-log.max-tail-spans: expected at least"
            + " collector.store.span-log.load-batch-spans (1000), got '999'");
  }
}
