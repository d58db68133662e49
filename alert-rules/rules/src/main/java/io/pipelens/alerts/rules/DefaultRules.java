package io.pipelens.alerts.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rule files shipped in this jar under {@code /rules/} (see docs/rules.md). */
public final class DefaultRules {
  /** Resource names, in load order. */
  public static final List<String> FILES = List.of("pipelines.yml", "drift.yml", "collector.yml");

  private DefaultRules() {}

  /** Parses every default rule file; they are validated by this module's tests, so a failure here is a packaging bug. */
  public static List<RuleFile> load() {
    List<RuleFile> out = new ArrayList<>();
    for (String f : FILES) {
      try (InputStream in = DefaultRules.class.getResourceAsStream("/rules/" + f)) {
        if (in == null) {
          throw new IllegalStateException("default rule file /rules/" + f + " missing from the classpath");
        }
        out.add(RuleFileParser.parse("classpath:/rules/" + f, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
