package io.pipelens.collector.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code collector.store.memory-limit} and {@code collector.store.threads}: what the embedded
 * DuckDB may use. Without a limit DuckDB's buffer pool grows to 80% of the machine's memory (its
 * default), caching the store file as lookups touch it; a collector shares its host with the
 * pipelines it watches, so pipelens sets 1GiB. Read from {@link ConfigLoader#values} like {@link
 * SpanLogConfig}.
 *
 * @param memoryLimitBytes DuckDB's {@code memory_limit}: its buffer pool, beyond which it evicts
 *     cached blocks and spills large operations (compaction) to DATA_DIR/pipelens.duckdb.tmp
 * @param threads DuckDB's {@code threads}; 0 leaves DuckDB's default (one per core)
 */
public record StoreConfig(long memoryLimitBytes, int threads) {
  static final String MEMORY_LIMIT = "collector.store.memory-limit";
  static final String THREADS = "collector.store.threads";

  /** Keys with their defaults; {@link ConfigKeys} lists them too, so files and env may set them. */
  static final Map<String, String> DEFAULTS = Map.of(MEMORY_LIMIT, "1GiB", THREADS, "0");

  /**
   * @throws ConfigException naming every bad key with what was expected
   */
  public static StoreConfig from(Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    long limit = Sizes.parse(value(values, MEMORY_LIMIT));
    if (limit < 16L << 20) {
      problems.add(MEMORY_LIMIT + ": expected a byte size of at least 16MiB such as 512MiB or 4GiB,"
          + " got '" + value(values, MEMORY_LIMIT) + "'");
    }
    int threads = -1;
    try {
      threads = Integer.parseInt(value(values, THREADS));
    } catch (NumberFormatException e) {
      // reported below
    }
    if (threads < 0 || threads > 1024) {
      problems.add(THREADS + ": expected a whole number 0-1024 (0: one per core), got '"
          + value(values, THREADS) + "'");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new StoreConfig(limit, threads);
  }

  /** The DuckDB options these stand for, as {@code DuckDbTelemetryStore.open} takes them. */
  public Map<String, String> duckDbSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("memory_limit", (memoryLimitBytes >> 10) + "KiB");
    if (threads > 0) {
      settings.put("threads", Integer.toString(threads));
    }
    return settings;
  }

  private static String value(Map<String, String> values, String key) {
    return values.getOrDefault(key, DEFAULTS.get(key)).strip();
  }
}
