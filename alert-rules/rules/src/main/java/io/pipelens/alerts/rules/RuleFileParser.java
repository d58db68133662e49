package io.pipelens.alerts.rules;

import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.parse.ParseException;
import io.pipelens.alerts.promql.parse.PromqlParser;
import io.pipelens.alerts.rules.yaml.YamlDecoder;
import io.pipelens.alerts.rules.yaml.YamlException;
import io.pipelens.alerts.rules.yaml.YamlNode;
import io.pipelens.alerts.rules.yaml.YamlReader;
import io.pipelens.alerts.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates Prometheus rule files the way {@code promtool check rules} does: unknown
 * keys, wrong types and bad durations, empty or repeated group names, rules without
 * {@code record}/{@code alert} or {@code expr}, PromQL syntax errors with their position,
 * {@code for}/{@code keep_firing_for}/{@code annotations} on recording rules, invalid metric,
 * label and annotation names and invalid templates. Every problem is reported, not just the first.
 */
public final class RuleFileParser {
  private static final Set<String> FILE_KEYS = Set.of("groups");
  private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "query_offset", "limit", "labels", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

  private RuleFileParser() {}

  /** Reads and parses a file; errors are prefixed with the path as given. */
  public static RuleFile parseFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuleFileException(List.of(file + ": cannot read rule file: " + e.getMessage()));
    }
    return parse(file.toString(), text);
  }

  /**
   * @param name the file name used in error messages
   * @throws RuleFileException listing every problem
   */
  public static RuleFile parse(String name, String text) {
    YamlNode root;
    try {
      root = YamlReader.read(text);
    } catch (YamlException e) {
      throw new RuleFileException(List.of(name + ": " + e.getMessage()));
    }
    YamlDecoder d = new YamlDecoder();
    List<RawGroup> raw = new ArrayList<>();
    YamlNode.Mapping top = d.mapping(root, FILE_KEYS, "rulefmt.RuleGroups");
    if (top != null) {
      for (YamlNode g : d.sequence(top.entries().get("groups"), "[]rulefmt.RuleGroup")) {
        raw.add(readGroup(d, g));
      }
    }
    if (!d.errors().isEmpty()) {
      throw new RuleFileException(List.of(name + ": " + d.message()));
    }
    List<String> errors = new ArrayList<>();
    List<RuleGroup> groups = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RawGroup g : raw) {
      if (g.name.isEmpty()) {
        errors.add(name + ": " + g.node.line() + ":" + g.node.column() + ": Groupname must not be empty");
      } else if (!seen.add(g.name)) {
        errors.add(name + ": " + g.node.line() + ":" + g.node.column() + ": groupname: \"" + g.name
            + "\" is repeated in the same file");
      }
      if (g.limit < 0) {
        errors.add(name + ": group \"" + g.name + "\": limit must not be negative, got " + g.limit);
      }
      List<Rule> rules = new ArrayList<>();
      for (int i = 0; i < g.rules.size(); i++) {
        RawRule r = g.rules.get(i);
        String prefix = name + ": " + "group \"" + g.name + "\", rule " + (i + 1) + ", \"" + r.name() + "\": ";
        List<String> problems = new ArrayList<>();
        Rule rule = RuleValidator.validate(r, problems);
        for (String p : problems) {
          errors.add(p.startsWith("@") ? name + ": " + p.substring(1).replace("%PREFIX%", prefix.substring(name.length() + 2))
              : prefix + p);
        }
        if (rule != null) {
          rules.add(rule);
        }
      }
      groups.add(new RuleGroup(g.name, g.intervalMs, g.queryOffsetMs, (int) g.limit, g.labels, rules));
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return new RuleFile(name, groups);
  }

  private static RawGroup readGroup(YamlDecoder d, YamlNode node) {
    YamlNode.Mapping m = d.mapping(node, GROUP_KEYS, "rulefmt.RuleGroup");
    if (m == null) {
      return new RawGroup(node, "", 0, 0, 0, Map.of(), List.of());
    }
    Map<String, YamlNode> e = m.entries();
    List<RawRule> rules = new ArrayList<>();
    for (YamlNode r : d.sequence(e.get("rules"), "[]rulefmt.RuleNode")) {
      YamlNode.Mapping rm = d.mapping(r, RULE_KEYS, "rulefmt.RuleNode");
      if (rm == null) {
        continue;
      }
      Map<String, YamlNode> re = rm.entries();
      rules.add(new RawRule(rm, scalar(d, re.get("record")), scalar(d, re.get("alert")), scalar(d, re.get("expr")),
          d.duration(re.get("for")), d.duration(re.get("keep_firing_for")), d.stringMap(re.get("labels")),
          d.stringMap(re.get("annotations")), re.containsKey("annotations")));
    }
    return new RawGroup(node, d.string(e.get("name")), d.duration(e.get("interval")), d.duration(e.get("query_offset")),
        d.integer(e.get("limit"), "int"), d.stringMap(e.get("labels")), rules);
  }

  private static YamlNode.Scalar scalar(YamlDecoder d, YamlNode n) {
    if (n == null) {
      return null;
    }
    String s = d.string(n);
    return new YamlNode.Scalar(s, n.line(), n.column());
  }

  record RawGroup(YamlNode node, String name, long intervalMs, long queryOffsetMs, long limit, Map<String, String> labels,
      List<RawRule> rules) {}

  /** A rule as written, before validation; scalars are null when the key is absent. */
  record RawRule(YamlNode.Mapping node, YamlNode.Scalar record, YamlNode.Scalar alert, YamlNode.Scalar expr, long forMs,
      long keepFiringForMs, Map<String, String> labels, Map<String, String> annotations, boolean hasAnnotations) {
    String name() {
      return alert != null && !alert.text().isEmpty() ? alert.text() : record != null ? record.text() : "";
    }
  }

  /** Parses an expression, returning null after adding a positioned problem. */
  static Expr parseExpr(RawRule r, List<String> problems) {
    try {
      return PromqlParser.parse(r.expr().text());
    } catch (ParseException e) {
      problems.add("@" + r.expr().line() + ":" + r.expr().column() + ": %PREFIX%could not parse expression: " + e.getMessage());
      return null;
    }
  }

  static void checkTemplate(String name, String what, String text, List<String> problems) {
    try {
      RuleTemplates.check(name, text);
    } catch (TemplateException e) {
      // Go's text/template names only the line ("template: NAME:LINE: msg"); ours adds a column
      problems.add(what + ": " + e.getMessage().replaceFirst("^(template: [^:]*:\\d+):\\d+:", "$1:"));
    }
  }
}
