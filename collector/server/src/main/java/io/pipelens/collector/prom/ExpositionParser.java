package io.pipelens.collector.prom;

import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.MetricType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Prometheus text format 0.0.4 that the collector's own Micrometer registry writes:
 * samples (labels unescaped, optional trailing comma, values such as {@code 1.0}, {@code NaN},
 * {@code +Inf}) and the family metadata of {@code # HELP} / {@code # TYPE} lines. Lines it cannot
 * read are skipped and counted: the input is our own output, so a skip is a bug to notice, not a
 * client error.
 */
final class ExpositionParser {
  /** One sample line: {@code labels} include {@code __name__}. */
  record Line(Map<String, String> labels, double value) {}

  /** What a page holds. */
  record Page(List<Line> samples, List<MetricMetadata> metadata, int skipped) {}

  private ExpositionParser() {}

  static Page parse(String text) {
    List<Line> samples = new ArrayList<>();
    Map<String, String> help = new TreeMap<>();
    Map<String, MetricType> types = new TreeMap<>();
    int skipped = 0;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("HELP")) {
          help.put(parts[2], parts.length == 4 ? unescapeHelp(parts[3]) : "");
        } else if (parts.length == 4 && parts[1].equals("TYPE")) {
          types.put(parts[2], type(parts[3]));
        }
        continue;
      }
      try {
        samples.add(sample(line));
      } catch (RuntimeException e) {
        skipped++;
      }
    }
    List<MetricMetadata> metadata = new ArrayList<>();
    types.forEach((name, type) -> metadata.add(new MetricMetadata(name, type, help.getOrDefault(name, ""), "")));
    return new Page(samples, metadata, skipped);
  }

  private static MetricType type(String s) {
    try {
      return MetricType.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return MetricType.UNTYPED;
    }
  }

  private static Line sample(String line) {
    Map<String, String> labels = new TreeMap<>();
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    labels.put("__name__", line.substring(0, i));
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        if (line.charAt(i) == ',' || line.charAt(i) == ' ') {
          i++;
          continue;
        }
        int eq = line.indexOf('=', i);
        String name = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = line.indexOf('"', eq) + 1;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(name, value.toString());
        i = j + 1;
      }
      i++;
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    return new Line(labels, number(rest[0]));
  }

  private static double number(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  private static String unescapeHelp(String s) {
    return s.replace("\\n", "\n").replace("\\\\", "\\");
  }
}
