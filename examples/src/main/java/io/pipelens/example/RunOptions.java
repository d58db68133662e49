package io.pipelens.example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pipeline run needs: where the Python/R steps live, how to reach the services, and how
 * to generate its input. Parsed from {@code --key value} arguments; every bad or missing argument
 * is reported at once.
 *
 * @param rows rows generated per run (at least 10)
 * @param shift added to the {@code visits} feature of every generated row (0 = no drift)
 * @param malformedRow 1-based row whose age is written as text the R model rejects; 0 = none
 */
public record RunOptions(
    Path pipelineDir,
    Path workDir,
    String python,
    String rscript,
    String scoringUrl,
    String segmenterTarget,
    String amqpUri,
    int rows,
    double shift,
    int malformedRow,
    long seed) {

  static final List<String> KEYS = List.of("pipeline-dir", "work-dir", "python", "rscript",
      "scoring-url", "segmenter", "amqp-uri", "rows", "shift", "malformed-row", "seed");

  /** Parses {@code --key value} pairs; unknown keys and bad values fail naming the key. */
  public static RunOptions parse(Map<String, String> args) {
    List<String> problems = new ArrayList<>();
    for (String key : args.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add("--" + key + ": unknown option; expected one of --" + String.join(", --", KEYS));
      }
    }
    Map<String, String> a = new HashMap<>(args);
    String pipeline = required(a, "pipeline-dir", problems);
    String work = required(a, "work-dir", problems);
    String scoring = required(a, "scoring-url", problems);
    String segmenter = required(a, "segmenter", problems);
    String amqp = required(a, "amqp-uri", problems);
    int rows = (int) number(a, "rows", "200", 10, problems);
    double shift = number(a, "shift", "0", -1e6, problems);
    int malformed = (int) number(a, "malformed-row", "0", 0, problems);
    long seed = (long) number(a, "seed", "42", Long.MIN_VALUE, problems);
    if (malformed > rows) {
      problems.add("--malformed-row: " + malformed + " is past the last row (" + rows + ")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new RunOptions(Path.of(pipeline), Path.of(work), a.getOrDefault("python", "/usr/bin/python3"),
        a.getOrDefault("rscript", "Rscript"), scoring, segmenter, amqp, rows, shift, malformed, seed);
  }

  /** The same options for another run, with a different input. */
  public RunOptions withInput(int rows, double shift, int malformedRow, long seed) {
    return new RunOptions(pipelineDir, workDir, python, rscript, scoringUrl, segmenterTarget,
        amqpUri, rows, shift, malformedRow, seed);
  }

  private static String required(Map<String, String> a, String key, List<String> problems) {
    String v = a.get(key);
    if (v == null || v.isBlank()) {
      problems.add("--" + key + ": required");
      return "";
    }
    return v;
  }

  private static double number(Map<String, String> a, String key, String dflt, double min,
      List<String> problems) {
    String raw = a.getOrDefault(key, dflt);
    try {
      double v = Double.parseDouble(raw);
      if (Double.isNaN(v) || v < min) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add("--" + key + ": expected a number" + (min > -1e6 ? " >= " + (long) min : "")
          + ", got '" + raw + "'");
      return 0;
    }
  }
}
