package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Clear;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Eval;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Expectation;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Load;
import io.pipelens.alerts.promql.conformance.ScriptCommand.SeriesLine;
import io.pipelens.alerts.promql.parse.Durations;
import io.pipelens.alerts.promql.parse.StringLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Prometheus's promqltest script format. Like upstream, comment lines count as blank and
 * end the current block.
 */
final class ScriptParser {
  private static final Pattern LOAD = Pattern.compile("^load(_with_nhcb)?\\s+(\\S+)$");
  private static final Pattern INSTANT = Pattern.compile("^(eval(?:_fail|_ordered|_warn|_info)?)\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
  private static final Pattern RANGE =
      Pattern.compile("^(eval(?:_fail|_ordered|_warn|_info)?)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
  private static final Pattern EXPECT = Pattern.compile("^expect\\s+(\\w+)(?:\\s+(msg|regex):\\s?(.*))?$");
  private static final Pattern RANGE_VECTOR = Pattern.compile("^expect\\s+range\\s+vector\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)$");
  private static final Pattern STRING = Pattern.compile("^expect\\s+string\\s+(.*)$");

  private ScriptParser() {}

  static List<ScriptCommand> parse(String text) {
    String[] raw = text.split("\n", -1);
    String[] lines = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i].strip();
      lines[i] = l.startsWith("#") ? "" : l;
    }
    List<ScriptCommand> out = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String l = lines[i];
      if (l.isEmpty()) {
        i++;
        continue;
      }
      int start = i;
      List<String> block = new ArrayList<>();
      i++;
      if (l.equals("clear")) {
        out.add(new Clear(start + 1));
        continue;
      }
      while (i < lines.length && !lines[i].isEmpty()) {
        block.add(lines[i]);
        i++;
      }
      out.add(command(l, start + 1, block));
    }
    return out;
  }

  private static ScriptCommand command(String header, int line, List<String> block) {
    if (header.equals("clear")) {
      return new Clear(line);
    }
    Matcher m = LOAD.matcher(header);
    if (m.matches()) {
      List<SeriesLine> series = new ArrayList<>();
      for (String b : block) {
        series.add(seriesLine(b));
      }
      return new Load(line, time(m.group(2)), m.group(1) != null, series);
    }
    m = INSTANT.matcher(header);
    Matcher r = RANGE.matcher(header);
    boolean range;
    String variant;
    String expr;
    long start;
    long end;
    long step;
    if (m.matches()) {
      range = false;
      variant = m.group(1);
      start = end = time(m.group(2));
      step = 0;
      expr = m.group(3);
    } else if (r.matches()) {
      range = true;
      variant = r.group(1);
      start = time(r.group(2));
      end = time(r.group(3));
      step = time(r.group(4));
      expr = r.group(5);
    } else {
      throw new IllegalArgumentException("line " + line + ": unknown test command: " + header);
    }
    List<Expectation> expectations = new ArrayList<>();
    switch (variant) {
      case "eval_fail" -> expectations.add(new Expectation("fail", null, null));
      case "eval_ordered" -> expectations.add(new Expectation("ordered", null, null));
      case "eval_warn" -> expectations.add(new Expectation("warn", null, null));
      case "eval_info" -> expectations.add(new Expectation("info", null, null));
      default -> {}
    }
    List<SeriesLine> expected = new ArrayList<>();
    Double scalar = null;
    String string = null;
    long[] rangeVector = null;
    for (String b : block) {
      Matcher rv = RANGE_VECTOR.matcher(b);
      Matcher st = STRING.matcher(b);
      Matcher ex = EXPECT.matcher(b);
      if (rv.matches()) {
        rangeVector = new long[] {time(rv.group(1)), time(rv.group(2)), time(rv.group(3))};
      } else if (st.matches()) {
        string = StringLiterals.unquote(st.group(1).strip());
      } else if (ex.matches()) {
        expectations.add(new Expectation(ex.group(1), ex.group(2), ex.group(3)));
      } else if (isNumber(b)) {
        scalar = SeriesValues.number(b);
      } else {
        expected.add(seriesLine(b));
      }
    }
    return new Eval(line, expr, range, start, end, step, expectations, expected, scalar, string, rangeVector);
  }

  private static boolean isNumber(String s) {
    try {
      SeriesValues.number(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static long time(String s) {
    if (s.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return Math.round(Double.parseDouble(s) * 1000);
    }
    return Durations.parseMillis(s);
  }

  /** {@code name{a="b"} values...} */
  static SeriesLine seriesLine(String line) {
    TreeMap<String, String> labels = new TreeMap<>();
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    if (i > 0) {
      labels.put(Labels.METRIC_NAME, line.substring(0, i));
    }
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        while (i < line.length() && (Character.isWhitespace(line.charAt(i)) || line.charAt(i) == ',')) {
          i++;
        }
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        String name;
        if (line.charAt(i) == '"') {
          int endQ = closingQuote(line, i);
          name = StringLiterals.unquote(line.substring(i, endQ + 1));
          i = endQ + 1;
        } else {
          int s = i;
          while (line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != ',' && line.charAt(i) != '}') {
            i++;
          }
          name = line.substring(s, i);
        }
        while (Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        if (line.charAt(i) != '=') {
          labels.put(Labels.METRIC_NAME, name); // {"metric.name"} form
          continue;
        }
        i++;
        while (Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        int endQ = closingQuote(line, i);
        labels.put(name, StringLiterals.unquote(line.substring(i, endQ + 1)));
        i = endQ + 1;
      }
    }
    return new SeriesLine(Labels.fromMap(labels), SeriesValues.expand(line.substring(i)));
  }

  private static int closingQuote(String s, int open) {
    char q = s.charAt(open);
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == q) {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated string in: " + s);
  }
}
