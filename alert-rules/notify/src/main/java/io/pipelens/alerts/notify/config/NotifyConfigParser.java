package io.pipelens.alerts.notify.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.timeinterval.TimeInterval;
import io.pipelens.alerts.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Alertmanager's YAML configuration (plus pipelens' dingtalk/feishu/wecom_robot receivers)
 * into an immutable {@link NotifyConfig}, validating everything and reporting all problems at once.
 */
public final class NotifyConfigParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private NotifyConfigParser() {}

  public static NotifyConfig parseFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigError(file.toString(), "cannot read: " + e.getMessage())));
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, dir);
  }

  /**
   * @param baseDir folder that relative {@code templates:} globs are resolved against
   * @throws ConfigException listing every problem with its path
   */
  public static NotifyConfig parse(String yaml, Path baseDir) {
    List<ConfigError> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "<root>"
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ConfigException(List.of(new ConfigError(where, "not valid YAML: " + e.getOriginalMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(List.of(new ConfigError("<root>", "expected a YAML mapping with route and receivers")));
    }
    YamlNode n = new YamlNode(root, "", errors);
    GlobalConfig global = GlobalConfig.read(n.child("global"));
    RouteConfig route = null;
    YamlNode routeNode = n.child("route");
    if (routeNode == null) n.error("route", "is required");
    else route = RouteConfig.read(routeNode, true);

    List<ReceiverConfig> receivers = new ArrayList<>();
    for (YamlNode r : n.list("receivers")) receivers.add(ReceiverConfig.read(r, global));
    if (!n.has("receivers")) n.error("receivers", "is required");

    List<InhibitRuleConfig> inhibit = new ArrayList<>();
    for (YamlNode r : n.list("inhibit_rules")) inhibit.add(InhibitRuleConfig.read(r));

    Map<String, List<TimeInterval>> intervals = new LinkedHashMap<>();
    for (String key : List.of("time_intervals", "mute_time_intervals")) {
      for (YamlNode t : n.list(key)) {
        String name = t.required("name");
        List<TimeInterval> list = new ArrayList<>();
        for (YamlNode ti : t.list("time_intervals")) list.add(TimeIntervalReader.read(ti));
        t.finish();
        if (name != null && intervals.put(name, List.copyOf(list)) != null) {
          t.error("name", "duplicate time interval name \"" + name + "\"");
        }
      }
    }

    List<String> templateGlobs = n.strings("templates");
    List<Path> templateFiles = resolveTemplates(templateGlobs, baseDir, errors);
    n.finish();

    validateReferences(route, receivers, intervals, errors);
    if (errors.isEmpty()) validateTemplates(templateFiles, errors);
    if (!errors.isEmpty()) throw new ConfigException(errors);
    return new NotifyConfig(global, route, List.copyOf(receivers), List.copyOf(inhibit), Map.copyOf(intervals),
        List.copyOf(templateFiles));
  }

  private static void validateReferences(RouteConfig route, List<ReceiverConfig> receivers,
      Map<String, List<TimeInterval>> intervals, List<ConfigError> errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < receivers.size(); i++) {
      String name = receivers.get(i).name();
      if (name != null && !names.add(name)) {
        errors.add(new ConfigError("receivers[" + i + "].name", "duplicate receiver name \"" + name + "\""));
      }
    }
    if (route != null) checkRoute(route, "route", names, intervals, errors);
  }

  private static void checkRoute(RouteConfig r, String path, Set<String> receivers,
      Map<String, List<TimeInterval>> intervals, List<ConfigError> errors) {
    if (r.receiver() != null && !receivers.contains(r.receiver())) {
      errors.add(new ConfigError(path + ".receiver", "undefined receiver \"" + r.receiver() + "\" used in route"));
    }
    for (String t : r.muteTimeIntervals()) {
      if (!intervals.containsKey(t)) errors.add(new ConfigError(path + ".mute_time_intervals", "undefined time interval \"" + t + "\""));
    }
    for (String t : r.activeTimeIntervals()) {
      if (!intervals.containsKey(t)) errors.add(new ConfigError(path + ".active_time_intervals", "undefined time interval \"" + t + "\""));
    }
    for (int i = 0; i < r.routes().size(); i++) {
      checkRoute(r.routes().get(i), path + ".routes[" + i + "]", receivers, intervals, errors);
    }
  }

  private static List<Path> resolveTemplates(List<String> globs, Path baseDir, List<ConfigError> errors) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < globs.size(); i++) {
      String g = globs.get(i);
      Path pattern = baseDir == null ? Path.of(g) : baseDir.resolve(g);
      Path dir = pattern.getParent();
      String glob = pattern.getFileName().toString();
      if (dir == null || !Files.isDirectory(dir)) continue; // like Alertmanager: a glob matching nothing is fine
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
        List<Path> matched = new ArrayList<>();
        ds.forEach(matched::add);
        matched.sort(null);
        files.addAll(matched);
      } catch (IOException e) {
        errors.add(new ConfigError("templates[" + i + "]", "cannot list \"" + g + "\": " + e.getMessage()));
      }
    }
    return files;
  }

  private static void validateTemplates(List<Path> files, List<ConfigError> errors) {
    for (Path f : files) {
      try {
        DefaultTemplates.create().parseFile(f);
      } catch (TemplateException e) {
        errors.add(new ConfigError("templates", e.getMessage()));
      }
    }
  }

  /** Loads the default templates plus the configured template files. */
  public static io.pipelens.alerts.template.Templates templates(NotifyConfig config) {
    io.pipelens.alerts.template.Templates t = DefaultTemplates.create();
    for (Path f : config.templateFiles()) t.parseFile(f);
    return t;
  }

}
