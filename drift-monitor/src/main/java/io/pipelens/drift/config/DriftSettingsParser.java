package io.pipelens.drift.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.MethodChoice;
import io.pipelens.drift.window.WindowPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one model's drift settings from a configuration tree (the collector's YAML, parsed by
 * Jackson), collecting every problem with its path before failing:
 *
 * <pre>
 * method: auto            # or ks, wasserstein, psi, jensenshannon, hellinger, chisquare, z
 * threshold: 0.1          # default: the method's
 * drift_share: 0.5
 * large_reference_rows: 1000
 * max_numeric_categories: 5
 * features:
 *   age: {method: psi, threshold: 0.2}
 * window: {rows: 1000, duration: 15m, min_rows: 500, confirmations: 2}
 * reference: {mode: first_rows, rows: 1000}
 * retrain: ...            # see RetrainSettingsParser
 * </pre>
 *
 * Durations: a number of milliseconds or a number with unit ms, s, m, h, d.
 */
public final class DriftSettingsParser {
  private static final Set<String> TOP = Set.of("method", "threshold", "drift_share",
      "large_reference_rows", "max_numeric_categories", "features", "window", "reference",
      "retrain");
  private static final Set<String> FEATURE = Set.of("method", "threshold");
  private static final Set<String> WINDOW = Set.of("rows", "duration", "min_rows", "confirmations");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private DriftSettingsParser() {}

  /**
   * @param path where the tree sits in the configuration, for messages (e.g. "drift.models.churn")
   * @throws IllegalArgumentException listing every bad key with its path, one per line
   */
  public static ModelDriftSettings parse(JsonNode node, String path) {
    List<String> errors = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new ModelDriftSettings(DriftConfig.DEFAULTS, WindowPolicy.byRows(1000, 500, 2));
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(path + ": expected a mapping");
    }
    unknownKeys(node, TOP, path, errors);
    MethodChoice defaults = choice(node, path, errors);
    double share = number(node, "drift_share", path, 0.5, errors);
    if (!(share > 0 && share <= 1)) {
      errors.add(path + ".drift_share: expected a number in (0, 1], got " + share);
    }
    long largeRows = (long) number(node, "large_reference_rows", path, 1000, errors);
    long maxCats = (long) number(node, "max_numeric_categories", path, 5, errors);
    Map<String, MethodChoice> features = new LinkedHashMap<>();
    JsonNode f = node.get("features");
    if (f != null && !f.isNull()) {
      if (!f.isObject()) {
        errors.add(path + ".features: expected a mapping of feature name to {method, threshold}");
      } else {
        f.fields().forEachRemaining(e -> {
          String p = path + ".features." + e.getKey();
          if (!e.getValue().isObject()) {
            errors.add(p + ": expected a mapping with method and/or threshold");
            return;
          }
          unknownKeys(e.getValue(), FEATURE, p, errors);
          features.put(e.getKey(), choice(e.getValue(), p, errors));
        });
      }
    }
    WindowPolicy window = window(node.get("window"), path + ".window", errors);
    ReferenceSettings reference = RetrainSettingsParser.reference(node.get("reference"),
        path + ".reference", errors);
    RetrainPolicy retrain = RetrainSettingsParser.retrain(node.get("retrain"), path + ".retrain",
        errors);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return new ModelDriftSettings(
        new DriftConfig(defaults, features, share, (int) largeRows, (int) maxCats), window,
        reference, retrain);
  }

  private static MethodChoice choice(JsonNode node, String path, List<String> errors) {
    DriftMethod method = null;
    JsonNode m = node.get("method");
    if (m != null && !m.isNull() && !m.asText().equalsIgnoreCase("auto")) {
      try {
        method = DriftMethod.parse(m.asText());
      } catch (IllegalArgumentException e) {
        errors.add(path + ".method: " + e.getMessage());
      }
    }
    Double threshold = null;
    JsonNode t = node.get("threshold");
    if (t != null && !t.isNull()) {
      if (t.isNumber() && t.asDouble() >= 0) {
        threshold = t.asDouble();
      } else {
        errors.add(path + ".threshold: expected a number >= 0, got " + t);
      }
    }
    return new MethodChoice(method, threshold);
  }

  private static WindowPolicy window(JsonNode node, String path, List<String> errors) {
    if (node == null || node.isNull()) {
      return WindowPolicy.byRows(1000, 500, 2);
    }
    if (!node.isObject()) {
      errors.add(path + ": expected a mapping with rows, duration, min_rows, confirmations");
      return null;
    }
    unknownKeys(node, WINDOW, path, errors);
    long rows = (long) number(node, "rows", path, 0, errors);
    long millis = Math.max(0, millis(node.get("duration"), path + ".duration", errors));
    long minRows = (long) number(node, "min_rows", path, 0, errors);
    long confirmations = (long) number(node, "confirmations", path, 1, errors);
    if (rows == 0 && millis == 0) {
      errors.add(path + ": set rows and/or duration");
      return null;
    }
    if (confirmations < 1) {
      errors.add(path + ".confirmations: expected an integer >= 1, got " + confirmations);
      return null;
    }
    return new WindowPolicy(rows, millis, minRows, (int) confirmations);
  }

  /**
   * A duration in milliseconds: a whole number (ms) or a number with unit ms, s, m, h, d; 0 when
   * absent, -1 (and an error) when malformed.
   */
  static long millis(JsonNode d, String path, List<String> errors) {
    if (d == null || d.isNull()) {
      return 0;
    }
    Matcher m = DURATION.matcher(d.asText().trim());
    if (!m.matches() || !(d.isTextual() || d.isIntegralNumber())) {
      errors.add(path + ": expected milliseconds or a number with unit ms/s/m/h/d, got " + d);
      return -1;
    }
    long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
      case "s" -> 1000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      default -> 1L;
    };
    return Long.parseLong(m.group(1)) * unit;
  }

  static double number(JsonNode node, String key, String path, double dflt, List<String> errors) {
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isNumber() || n.asDouble() < 0) {
      errors.add(path + "." + key + ": expected a number >= 0, got " + n);
      return dflt;
    }
    return n.asDouble();
  }

  static void unknownKeys(JsonNode node, Set<String> known, String path, List<String> errors) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        errors.add(path + "." + k + ": unknown key, expected one of " + known.stream().sorted().toList());
      }
    }
  }
}
