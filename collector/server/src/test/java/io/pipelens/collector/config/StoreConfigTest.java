package io.pipelens.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.collector.store.DuckDbTelemetryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConfigTest {
  @TempDir Path dir;

  @Test
  void byDefaultDuckDbGetsOneGibibyteAndItsOwnThreadCount() throws Exception {
    StoreConfig c = StoreConfig.from(ConfigLoader.values(null, Map.of()));

    assertThat(c).isEqualTo(new StoreConfig(1L << 30, 0));
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir, c.duckDbSettings())) {
      assertThat(store.duckDbSetting("memory_limit")).isEqualTo("1.0 GiB");
    }
  }

  @Test
  void fileAndEnvironmentSetTheLimitsDuckDbRunsWith() throws Exception {
    Path file = dir.resolve("collector.yml");
    Files.writeString(file, """
        collector:
          store:
            memory-limit: 300MiB
        """);
    Map<String, String> env = Map.of("PIPELENS_COLLECTOR_STORE_THREADS", "1");

    ConfigLoader.load(file, env); // the keys are known keys
    StoreConfig c = StoreConfig.from(ConfigLoader.values(file, env));

    assertThat(c).isEqualTo(new StoreConfig(300L << 20, 1));
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir.resolve("data"),
        c.duckDbSettings())) {
      assertThat(store.duckDbSetting("memory_limit")).isEqualTo("300.0 MiB");
      assertThat(store.duckDbSetting("threads")).isEqualTo("1");
    }
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> StoreConfig.from(Map.of(
        "collector.store.memory-limit", "lots", "collector.store.threads", "-2")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2))
        .hasMessageContaining("collector.store.memory-limit: expected a byte size of at least"
            + " 16MiB such as 512MiB or 4GiB, got 'lots'")
        .hasMessageContaining("collector.store.threads: expected a whole number 0-1024 (0: one per"
            + " core), got '-2'");
    assertThatThrownBy(() -> StoreConfig.from(Map.of("collector.store.memory-limit", "1MiB")))
        .hasMessageContaining("collector.store.memory-limit");
  }
}
