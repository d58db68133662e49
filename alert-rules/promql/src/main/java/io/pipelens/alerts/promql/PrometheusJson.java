package io.pipelens.alerts.promql;

import io.pipelens.alerts.promql.eval.Formats;
import java.util.List;

/**
 * Encodes results in the JSON shape of Prometheus's HTTP API ({@code /api/v1/query} and
 * {@code query_range}), so a Grafana Prometheus data source can read them: timestamps as seconds,
 * sample values as strings ("1.5", "NaN", "+Inf").
 */
public final class PrometheusJson {
  private PrometheusJson() {}

  public static String success(QueryResult r) {
    StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":");
    data(sb, r.value());
    list(sb, "warnings", r.warnings());
    list(sb, "infos", r.infos());
    return sb.append('}').toString();
  }

  /**
   * An error body. {@code errorType} is Prometheus's: "bad_data" for parse errors and bad
   * parameters, "execution" for evaluation failures.
   */
  public static String error(String errorType, String message) {
    StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"errorType\":");
    string(sb, errorType);
    sb.append(",\"error\":");
    string(sb, message);
    return sb.append('}').toString();
  }

  private static void data(StringBuilder sb, Value v) {
    if (v instanceof Value.Scalar s) {
      sb.append("{\"resultType\":\"scalar\",\"result\":");
      point(sb, s.t(), Formats.number(s.v()));
    } else if (v instanceof Value.StringValue s) {
      sb.append("{\"resultType\":\"string\",\"result\":");
      point(sb, s.t(), s.s());
    } else if (v instanceof Value.Vector vec) {
      sb.append("{\"resultType\":\"vector\",\"result\":[");
      for (int i = 0; i < vec.samples().size(); i++) {
        Value.Sample s = vec.samples().get(i);
        sb.append(i > 0 ? "," : "").append("{\"metric\":");
        labels(sb, s.labels());
        sb.append(",\"value\":");
        point(sb, s.t(), Formats.number(s.v()));
        sb.append('}');
      }
      sb.append(']');
    } else {
      sb.append("{\"resultType\":\"matrix\",\"result\":[");
      List<Series> series = ((Value.Matrix) v).series();
      for (int i = 0; i < series.size(); i++) {
        sb.append(i > 0 ? "," : "").append("{\"metric\":");
        labels(sb, series.get(i).labels());
        sb.append(",\"values\":[");
        List<Point> pts = series.get(i).points();
        for (int j = 0; j < pts.size(); j++) {
          sb.append(j > 0 ? "," : "");
          point(sb, pts.get(j).t(), Formats.number(pts.get(j).v()));
        }
        sb.append("]}");
      }
      sb.append(']');
    }
    sb.append('}');
  }

  private static void point(StringBuilder sb, long t, String value) {
    sb.append('[').append(seconds(t)).append(',');
    string(sb, value);
    sb.append(']');
  }

  static String seconds(long ms) {
    String sign = ms < 0 ? "-" : "";
    long abs = Math.abs(ms);
    long frac = abs % 1000;
    if (frac == 0) {
      return sign + abs / 1000;
    }
    String f = String.format("%03d", frac).replaceAll("0+$", "");
    return sign + abs / 1000 + "." + f;
  }

  private static void labels(StringBuilder sb, Labels l) {
    sb.append('{');
    for (int i = 0; i < l.size(); i++) {
      sb.append(i > 0 ? "," : "");
      string(sb, l.name(i));
      sb.append(':');
      string(sb, l.value(i));
    }
    sb.append('}');
  }

  private static void list(StringBuilder sb, String key, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    sb.append(",\"").append(key).append("\":[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i > 0 ? "," : "");
      string(sb, items.get(i));
    }
    sb.append(']');
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
