package io.pipelens.alerts.rules.runtime;

import io.pipelens.alerts.rules.DefaultRules;
import io.pipelens.alerts.rules.RuleFile;
import io.pipelens.alerts.rules.RuleFileException;
import io.pipelens.alerts.rules.RuleFileParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rule files a configuration names: glob expansion, a content fingerprint to notice changes,
 * and parsing of every file with every problem of every file reported at once.
 */
final class RuleFileSet {
  private final List<String> patterns;
  private final boolean includeDefaults;

  RuleFileSet(List<String> patterns, boolean includeDefaults) {
    this.patterns = patterns;
    this.includeDefaults = includeDefaults;
  }

  /** Existing regular files matching the patterns, sorted, each once. A pattern matching nothing is no error (as in Prometheus). */
  List<Path> paths() {
    TreeSet<Path> out = new TreeSet<>();
    for (String p : patterns) {
      out.addAll(expand(p));
    }
    return new ArrayList<>(out);
  }

  static List<Path> expand(String pattern) {
    Path abs = Path.of(pattern).toAbsolutePath().normalize();
    if (!hasGlob(abs.toString())) {
      return Files.isRegularFile(abs) ? List.of(abs) : List.of();
    }
    Path base = abs.getRoot();
    int depth = abs.getNameCount();
    int i = 0;
    for (; i < abs.getNameCount() && !hasGlob(abs.getName(i).toString()); i++) {
      base = base.resolve(abs.getName(i).toString());
    }
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    boolean recursive = abs.toString().contains("**");
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + abs.toString().replace("\\", "\\\\"));
    try (Stream<Path> s = Files.walk(base, recursive ? 32 : depth - i)) {
      return s.filter(Files::isRegularFile).filter(m::matches).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list rule files for " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  /**
   * Parses the default rules (when included) and every matched file.
   *
   * @throws RuleFileException with the problems of every bad file, each naming its file
   */
  List<RuleFile> load() {
    List<RuleFile> out = new ArrayList<>();
    if (includeDefaults) {
      out.addAll(DefaultRules.load());
    }
    List<String> errors = new ArrayList<>();
    for (Path p : paths()) {
      try {
        out.add(RuleFileParser.parseFile(p));
      } catch (RuleFileException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return out;
  }

  /** A hash of the matched paths and their contents: changes when a file is added, removed or edited. */
  String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : paths()) {
        sha.update(p.toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try {
          sha.update(Files.readAllBytes(p));
        } catch (IOException e) {
          sha.update(("unreadable " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
