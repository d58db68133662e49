package io.pipelens.collector.series;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the newest sample of every series in a {@link SeriesStore} in the Prometheus text
 * exposition format 0.0.4: one group per metric family with its {@code # HELP} and {@code # TYPE}
 * lines (histogram {@code _bucket}/{@code _sum}/{@code _count} and summary quantile/{@code
 * _sum}/{@code _count} series under their family name), label values escaped ({@code \\}, {@code
 * \"}, {@code \n}), families sorted by name. Series without registered metadata are {@code untyped}.
 */
public final class PrometheusTextWriter {

  /** Content-Type of the output. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final boolean withTimestamps;

  /**
   * @param withTimestamps append each sample's timestamp (ms), as a federation endpoint does;
   *     without them the scraper stamps samples with its scrape time
   */
  public PrometheusTextWriter(boolean withTimestamps) {
    this.withTimestamps = withTimestamps;
  }

  public String write(SeriesStore store) {
    StringBuilder b = new StringBuilder();
    write(store, b, Long.MIN_VALUE);
    return b.toString();
  }

  /** Prometheus's stale marker, the NaN rule evaluation writes when a series ends. */
  static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  /**
   * Writes series whose newest sample is at or after {@code notBeforeMs}: pass e.g. {@code now - 5
   * min} so a pipeline that stopped sending stops being exposed instead of repeating its last
   * value for the whole lookback window ({@link Long#MIN_VALUE} writes everything).
   */
  public void write(SeriesStore store, Appendable out, long notBeforeMs) {
    Map<String, List<SeriesSamples>> families = new TreeMap<>();
    Map<String, MetricMetadata> meta = new TreeMap<>();
    for (SeriesSamples s : store.latest(notBeforeMs)) {
      if (Double.doubleToRawLongBits(s.samples().get(0).value()) == STALE_NAN_BITS) {
        continue; // ended series (e.g. a resolved ALERTS series): a scrape shows it gone, not NaN
      }
      String name = s.labels().metricName();
      MetricMetadata m = familyOf(store, name);
      meta.putIfAbsent(m.name(), m);
      families.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(s);
    }
    try {
      for (var e : families.entrySet()) {
        MetricMetadata m = meta.get(e.getKey());
        if (!m.help().isEmpty()) {
          out.append("# HELP ").append(m.name()).append(' ').append(escapeHelp(m.help())).append('\n');
        }
        out.append("# TYPE ").append(m.name()).append(' ').append(m.type().text()).append('\n');
        List<SeriesSamples> series = new ArrayList<>(e.getValue());
        series.sort(order(m.name()));
        for (SeriesSamples s : series) {
          writeSample(out, s.labels(), s.samples().get(0));
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static MetricMetadata familyOf(SeriesStore store, String name) {
    Optional<MetricMetadata> exact = store.metadata(name);
    if (exact.isPresent()) {
      return exact.get();
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        Optional<MetricMetadata> m = store.metadata(base);
        if (m.isPresent() && (m.get().type() == MetricType.HISTOGRAM
            || (m.get().type() == MetricType.SUMMARY && !suffix.equals("_bucket")))) {
          return m.get();
        }
      }
    }
    return new MetricMetadata(name, MetricType.UNTYPED, "", "");
  }

  private static Comparator<SeriesSamples> order(String family) {
    Comparator<SeriesSamples> byGroup = Comparator.comparing(
        s -> s.labels().without(Labels.NAME).without("le").without("quantile"));
    return byGroup
        .thenComparingInt(s -> suffixRank(family, s.labels().metricName()))
        .thenComparingDouble(s -> bound(s.labels().get("le").isEmpty() ? s.labels().get("quantile") : s.labels().get("le")));
  }

  private static int suffixRank(String family, String name) {
    String suffix = name.substring(Math.min(family.length(), name.length()));
    return switch (suffix) {
      case "_bucket", "" -> 0;
      case "_sum" -> 1;
      case "_count" -> 2;
      default -> 3;
    };
  }

  private static double bound(String v) {
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return v.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void writeSample(Appendable out, Labels labels, Sample sample) throws IOException {
    out.append(labels.metricName());
    boolean first = true;
    for (var l : labels.map().entrySet()) {
      if (l.getKey().equals(Labels.NAME)) {
        continue;
      }
      out.append(first ? '{' : ',').append(l.getKey()).append("=\"").append(escapeLabelValue(l.getValue())).append('"');
      first = false;
    }
    if (!first) {
      out.append('}');
    }
    out.append(' ').append(formatValue(sample.value()));
    if (withTimestamps) {
      out.append(' ').append(Long.toString(sample.timestampMs()));
    }
    out.append('\n');
  }

  /** Go-compatible float text: {@code NaN}, {@code +Inf}, {@code -Inf}, integers without {@code .0}. */
  public static String formatValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static String escapeLabelValue(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
