package io.pipelens.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric tables of the docs: every Markdown table with a "metric" first column and a "labels"
 * column. A metric cell names one or more metrics in backticks, shorthand suffixes ({@code
 * `pipelens_store_commit_items`, `_batches`}) expanded, inline labels ({@code
 * `pipelens_store_items{signal}`}) included; text in parentheses (label values, histogram
 * suffixes) is ignored; "same as above" repeats the previous row's labels.
 */
final class DocumentedMetrics {
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private DocumentedMetrics() {}

  static MetricCatalog read(Path... docs) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Path doc : docs) {
      try {
        parse(Files.readAllLines(doc), out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + doc, e);
      }
      names.add("docs/" + doc.getFileName());
    }
    return new MetricCatalog(String.join(", ", names), out, true);
  }

  static void parse(List<String> lines, Map<String, Set<String>> out) {
    int labelsColumn = -1;
    Set<String> previous = Set.of();
    for (String line : lines) {
      if (!line.strip().startsWith("|")) {
        labelsColumn = -1;
        continue;
      }
      List<String> cells = cells(line);
      if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
        continue;
      }
      if (labelsColumn < 0) {
        labelsColumn = header(cells);
        continue;
      }
      if (labelsColumn == 0 || cells.size() <= labelsColumn) {
        continue;
      }
      String labelCell = cells.get(labelsColumn);
      Set<String> labels = labelCell.toLowerCase(Locale.ROOT).startsWith("same")
          ? new TreeSet<>(previous) : ticked(withoutParentheses(labelCell));
      String last = null;
      for (String token : ticked(withoutParentheses(cells.get(0)))) {
        int brace = token.indexOf('{');
        Set<String> own = new TreeSet<>(labels);
        String name = token;
        if (brace > 0) {
          own.addAll(List.of(token.substring(brace + 1, token.length() - 1).split("\\s*,\\s*")));
          name = token.substring(0, brace);
        }
        if (name.startsWith("_") && last != null) {
          name = last.substring(0, last.lastIndexOf('_')) + name;
        } else {
          last = name;
        }
        if (NAME.matcher(name).matches()) {
          out.computeIfAbsent(name, k -> new TreeSet<>()).addAll(own);
        }
      }
      previous = labels;
    }
  }

  /** Index of the "labels" column of a table whose first column is "metric", 0 for other tables. */
  private static int header(List<String> cells) {
    if (cells.isEmpty() || !cells.get(0).toLowerCase(Locale.ROOT).startsWith("metric")) {
      return 0;
    }
    for (int i = 1; i < cells.size(); i++) {
      if (cells.get(i).toLowerCase(Locale.ROOT).equals("labels")) {
        return i;
      }
    }
    return 0;
  }

  private static List<String> cells(String line) {
    String s = line.strip();
    s = s.substring(1, s.endsWith("|") && s.length() > 1 ? s.length() - 1 : s.length());
    List<String> out = new ArrayList<>();
    for (String c : s.split("\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  private static String withoutParentheses(String s) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Backticked tokens in order of appearance (shorthand suffixes follow their metric). */
  private static Set<String> ticked(String s) {
    Set<String> out = new java.util.LinkedHashSet<>();
    Matcher m = TICKED.matcher(s);
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }
}
