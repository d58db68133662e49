package io.pipelens.collector.series;

import java.util.Locale;

/** Prometheus metric family types, as written in {@code # TYPE} lines. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY,
  UNTYPED;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
