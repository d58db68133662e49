package io.pipelens.drift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;

/** Renders a {@link DriftReport} as an aligned text table or as JSON. */
public final class ReportFormatter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFormatter() {}

  public static String json(DriftReport report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report not serialisable", e);
    }
  }

  public static String table(DriftReport report) {
    String[] head = {"feature", "type", "method", "statistic", "p-value", "threshold", "drift", "ref rows", "cur rows"};
    String[][] rows = new String[report.features().size()][];
    int k = 0;
    for (FeatureDrift f : report.features()) {
      rows[k++] = f.evaluated()
          ? new String[] {
              f.feature(), f.type().name().toLowerCase(Locale.ROOT), f.method().id(), num(f.statistic()),
              f.pValue() == null ? "-" : num(f.pValue()), num(f.threshold()), f.drifted() ? "yes" : "no",
              Long.toString(f.referenceRows()), Long.toString(f.currentRows())}
          : new String[] {
              f.feature(), f.type().name().toLowerCase(Locale.ROOT), "-", "-", "-", "-",
              "skipped: " + f.note(), Long.toString(f.referenceRows()), Long.toString(f.currentRows())};
    }
    int[] width = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      width[i] = head[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, head, width);
    for (String[] r : rows) {
      line(sb, r, width);
    }
    sb.append(String.format(Locale.ROOT,
        "%nDataset drift: %s (%d of %d features drifted, share %.3f, threshold %.3f)%n",
        report.datasetDrift() ? "YES" : "no", report.drifted(), report.evaluated(),
        report.driftShare(), report.shareThreshold()));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] width) {
    for (int i = 0; i < cells.length; i++) {
      sb.append(i == 0 ? "" : "  ").append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    sb.append(System.lineSeparator());
  }

  private static String num(double v) {
    if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) {
      return String.format(Locale.ROOT, "%.4e", v);
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
