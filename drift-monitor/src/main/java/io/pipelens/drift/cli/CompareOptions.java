package io.pipelens.drift.cli;

import io.pipelens.drift.method.DriftMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parsed arguments of {@code pipelens drift compare}. */
record CompareOptions(
    Path reference, Path current, String format, DriftMethod method, Double threshold,
    List<String> columns, Double driftShare, boolean help) {

  static final String USAGE = """
      Usage: pipelens drift compare --reference REF --current CUR [options]
        --reference FILE     reference data (.csv with header, or .jsonl JSON lines)
        --current FILE       current data, same format rules
        --format table|json  output format (default table)
        --method NAME        ks, wasserstein, psi, jensenshannon, hellinger, chisquare, z
                             (default: automatic, as Evidently)
        --threshold X        drift threshold for the method (p-value methods: drift when
                             p < X; distances: drift when value >= X)
        --columns a,b,c      compare only these columns (default: all common columns)
        --drift-share X      dataset drift when drifted share >= X (default 0.5)
      Exit code 0 on success (drift or not), 2 on bad input.
      """;

  static CompareOptions parse(String[] args) {
    Path ref = null;
    Path cur = null;
    String format = "table";
    DriftMethod method = null;
    Double threshold = null;
    List<String> columns = List.of();
    Double share = null;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.get(0).equals("compare")) {
      rest.remove(0);
    }
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      String key = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        key = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (key.equals("--help") || key.equals("-h")) {
        return new CompareOptions(null, null, format, null, null, columns, null, true);
      }
      if (value == null) {
        if (i + 1 >= rest.size()) {
          throw new IllegalArgumentException("option " + key + " needs a value");
        }
        value = rest.get(++i);
      }
      switch (key) {
        case "--reference" -> ref = Path.of(value);
        case "--current" -> cur = Path.of(value);
        case "--format" -> {
          if (!value.equals("table") && !value.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + value + "'");
          }
          format = value;
        }
        case "--method" -> method = DriftMethod.parse(value);
        case "--threshold" -> threshold = number("--threshold", value);
        case "--drift-share" -> share = number("--drift-share", value);
        case "--columns" -> columns = Arrays.stream(value.split(",")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (ref == null || cur == null) {
      throw new IllegalArgumentException("--reference and --current are required");
    }
    return new CompareOptions(ref, cur, format, method, threshold, columns, share, false);
  }

  private static double number(String option, String value) {
    try {
      double v = Double.parseDouble(value);
      if (!Double.isFinite(v) || v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number >= 0, got '" + value + "'");
    }
  }
}
