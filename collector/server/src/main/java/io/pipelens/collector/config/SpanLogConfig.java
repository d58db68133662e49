package io.pipelens.collector.config;

import io.pipelens.collector.store.SpanLogSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code collector.store.span-log.*}: the span log in front of the DuckDB store (docs/span-log.md).
 * Kept beside {@link CollectorConfig}, read from {@link ConfigLoader#values}.
 *
 * @param enabled false writes spans straight into DuckDB, one transaction per group commit
 */
public record SpanLogConfig(boolean enabled, SpanLogSettings settings) {
  public static final String PREFIX = "collector.store.span-log.";

  /** Keys with their defaults; {@link ConfigKeys} lists them too, so files and env may set them. */
  static final Map<String, String> DEFAULTS = Map.of(
      PREFIX + "enabled", "true",
      PREFIX + "load-batch-spans", Integer.toString(SpanLogSettings.DEFAULT_LOAD_BATCH_SPANS),
      PREFIX + "load-interval", "1s",
      PREFIX + "max-tail-spans", Long.toString(SpanLogSettings.DEFAULT_MAX_TAIL_SPANS),
      PREFIX + "max-tail-bytes", "128MiB",
      PREFIX + "segment-bytes", "64MiB");

  /**
   * @throws ConfigException naming every bad key with what was expected
   */
  public static SpanLogConfig from(Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    String enabled = value(values, "enabled").toLowerCase(Locale.ROOT);
    if (!enabled.equals("true") && !enabled.equals("false")) {
      problem(problems, values, "enabled", "true or false");
    }
    long batch = number(values, "load-batch-spans", 1, Integer.MAX_VALUE, problems);
    Duration interval = Sizes.parseDuration(value(values, "load-interval"));
    if (interval == null || interval.isZero() || interval.isNegative()) {
      problem(problems, values, "load-interval", "a duration above 0 such as 200ms, 1s or 5s");
      interval = SpanLogSettings.DEFAULT_LOAD_INTERVAL;
    }
    long maxSpans = number(values, "max-tail-spans", 1, Long.MAX_VALUE, problems);
    if (problems.isEmpty() && maxSpans < batch) {
      problem(problems, values, "max-tail-spans", "at least " + PREFIX + "load-batch-spans ("
          + batch + ")");
    }
    long maxBytes = size(values, "max-tail-bytes", problems);
    long segment = size(values, "segment-bytes", problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new SpanLogConfig(enabled.equals("true"),
        new SpanLogSettings((int) batch, interval, maxSpans, maxBytes, segment));
  }

  private static long number(Map<String, String> values, String key, long min, long max,
      List<String> problems) {
    try {
      long n = Long.parseLong(value(values, key).replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(problems, values, key, "a whole number " + min + "-" + max);
    return min;
  }

  private static long size(Map<String, String> values, String key, List<String> problems) {
    long v = Sizes.parse(value(values, key));
    if (v < 1) {
      problem(problems, values, key, "a byte size above 0 such as 512KiB, 64MiB or 1GiB");
      return 1;
    }
    return v;
  }

  private static String value(Map<String, String> values, String key) {
    String k = PREFIX + key;
    return values.getOrDefault(k, DEFAULTS.get(k)).strip();
  }

  private static void problem(List<String> problems, Map<String, String> values, String key,
      String expected) {
    problems.add(PREFIX + key + ": expected " + expected + ", got '" + value(values, key) + "'");
  }
}
