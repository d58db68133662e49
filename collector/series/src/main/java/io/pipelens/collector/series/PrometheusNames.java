package io.pipelens.collector.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry -> Prometheus naming, per the OpenTelemetry specification "Prometheus and
 * OpenMetrics Compatibility" (and the Collector's normalisation, which implements it):
 *
 * <ul>
 *   <li>metric name: split into tokens on every character other than letters and digits (invalid
 *       characters become {@code _}, runs of {@code _} collapse, leading/trailing {@code _} drop);
 *   <li>unit: UCUM unit converted to a word ({@code s} -> {@code seconds}, {@code By} -> {@code
 *       bytes}...), {@code foo/bar} -> {@code foo_per_bar} ({@code /s} -> {@code per_second}),
 *       {@code {annotations}} dropped, unknown units kept (sanitised); appended unless the name
 *       already contains it as a token;
 *   <li>{@code _total} for monotonic sums (counters), {@code _ratio} for gauges with unit {@code 1};
 *   <li>a name starting with a digit gets a leading {@code _};
 *   <li>label names: invalid characters -> {@code _}, runs collapsed; a leading digit gets {@code
 *       key_}, a single leading {@code _} gets {@code key} ({@code __} names are reserved).
 * </ul>
 */
public final class PrometheusNames {

  static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
      Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
      Map.entry("ns", "nanoseconds"), Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"),
      Map.entry("MiBy", "mebibytes"), Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"),
      Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"),
      Map.entry("TBy", "terabytes"), Map.entry("m", "meters"), Map.entry("V", "volts"),
      Map.entry("A", "amperes"), Map.entry("J", "joules"), Map.entry("W", "watts"),
      Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
      Map.entry("1", ""), Map.entry("%", "percent"));

  static final Map<String, String> PER_UNITS = Map.of(
      "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

  private PrometheusNames() {}

  /** The Prometheus unit word(s) for a UCUM unit, e.g. {@code By/s} -> {@code bytes_per_second}; "" for none. */
  public static String unit(String ucum) {
    List<String> tokens = unitTokens(ucum);
    return String.join("_", tokens);
  }

  private static List<String> unitTokens(String ucum) {
    List<String> out = new ArrayList<>();
    if (ucum == null || ucum.isBlank()) {
      return out;
    }
    String[] parts = ucum.split("/", 2);
    String main = parts[0].strip();
    if (!main.isEmpty() && !main.contains("{") && !main.contains("}")) {
      out.addAll(tokens(UNITS.getOrDefault(main, main)));
    }
    if (parts.length > 1) {
      String per = parts[1].strip();
      if (!per.isEmpty() && !per.contains("{") && !per.contains("}")) {
        List<String> perTokens = tokens(PER_UNITS.getOrDefault(per, per));
        if (!perTokens.isEmpty()) {
          out.add("per");
          out.addAll(perTokens);
        }
      }
    }
    return out;
  }

  /**
   * The exposed metric name of an OTLP metric. {@code counter}: a monotonic sum ({@code _total});
   * {@code gauge}: an OTLP gauge or non-monotonic sum ({@code _ratio} for unit {@code 1}).
   */
  public static String metricName(String otelName, String ucumUnit, boolean counter, boolean gauge) {
    List<String> name = new ArrayList<>(tokens(otelName));
    List<String> unit = unitTokens(ucumUnit);
    if (!unit.isEmpty()) {
      int per = unit.indexOf("per");
      List<String> main = per < 0 ? unit : unit.subList(0, per);
      String mainWord = String.join("_", main);
      if (!mainWord.isEmpty() && !name.contains(mainWord)) {
        name.addAll(main);
      }
      if (per >= 0) {
        List<String> perPart = unit.subList(per + 1, unit.size());
        if (!name.contains(String.join("_", perPart))) {
          name.add("per");
          name.addAll(perPart);
        }
      }
    }
    if (counter) {
      name.removeIf("total"::equals);
      name.add("total");
    }
    if (gauge && "1".equals(ucumUnit == null ? "" : ucumUnit.strip())) {
      name.removeIf("ratio"::equals);
      name.add("ratio");
    }
    String joined = String.join("_", name);
    if (joined.isEmpty()) {
      return "_";
    }
    return Character.isDigit(joined.charAt(0)) ? "_" + joined : joined;
  }

  /** A valid Prometheus label name for an attribute key. */
  public static String labelName(String key) {
    if (key == null || key.isEmpty()) {
      return "key_empty";
    }
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      char out = ok ? c : '_';
      if (out == '_' && b.length() > 0 && b.charAt(b.length() - 1) == '_' && !(b.length() == 1 && key.startsWith("__"))) {
        continue;
      }
      b.append(out);
    }
    String s = b.toString();
    if (Character.isDigit(s.charAt(0))) {
      return "key_" + s;
    }
    if (s.startsWith("_") && !s.startsWith("__")) {
      return "key" + s;
    }
    return s;
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 128) {
        cur.append(c);
      } else if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
