package io.pipelens.alerts.rules.cli;

import io.pipelens.alerts.rules.RuleFile;
import io.pipelens.alerts.rules.RuleFileException;
import io.pipelens.alerts.rules.RuleFileParser;
import io.pipelens.alerts.rules.unittest.RuleUnitTester;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pipelens rules check FILE...} and {@code pipelens rules test FILE...}: promtool's
 * {@code check rules} and {@code test rules} with the same output and exit codes (0 all good, 1
 * some file failed, 2 usage error, 3 lint problems with {@code --lint-fatal}). Results go to
 * stdout, failures to stderr, as promtool does. {@code check} accepts promtool's
 * {@code --lint=duplicate-rules|none} (default duplicate-rules) and {@code --lint-fatal}.
 */
public final class RulesMain {
  private final PrintStream out;
  private final PrintStream err;

  public RulesMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new RulesMain(System.out, System.err).run(args));
  }

  /** Runs a command; {@code args} may start with "rules" (as {@code bin/pipelens rules ...} passes it). */
  public int run(String... args) {
    List<String> a = Arrays.asList(args);
    if (!a.isEmpty() && a.get(0).equals("rules")) {
      a = a.subList(1, a.size());
    }
    if (!a.isEmpty() && List.of("help", "-h", "--help").contains(a.get(0))) {
      usage(out);
      return 0;
    }
    boolean lint = true;
    boolean lintFatal = false;
    List<String> files = new java.util.ArrayList<>();
    for (String s : a.subList(Math.min(1, a.size()), a.size())) {
      switch (s) {
        case "--lint=duplicate-rules", "--lint=all" -> lint = true;
        case "--lint=none" -> lint = false;
        case "--lint-fatal" -> lintFatal = true;
        default -> {
          if (s.startsWith("--")) {
            err.println("unknown option " + s);
            return usage();
          }
          files.add(s);
        }
      }
    }
    if (files.isEmpty() || a.isEmpty() || !(a.get(0).equals("check") || a.get(0).equals("test"))) {
      return usage();
    }
    if (a.get(0).equals("test")) {
      return test(files) ? 1 : 0;
    }
    return check(files, lint, lintFatal);
  }

  private int usage() {
    usage(err);
    return 2;
  }

  private static void usage(PrintStream to) {
    to.println("usage: pipelens rules check [--lint=duplicate-rules|none] [--lint-fatal] FILE...");
    to.println("                                         validate rule files like 'promtool check rules'");
    to.println("       pipelens rules test FILE...       run rule unit tests like 'promtool test rules'");
  }

  private int check(List<String> files, boolean lint, boolean lintFatal) {
    boolean hasErrors = false;
    boolean hasLint = false;
    for (String f : files) {
      out.println("Checking " + f);
      try {
        RuleFile rf = RuleFileParser.parseFile(Path.of(f));
        java.util.Optional<String> dup = lint ? DuplicateRules.check(rf) : java.util.Optional.empty();
        if (dup.isPresent()) {
          hasLint = true;
          err.println("  FAILED:");
          err.println(dup.get());
        } else {
          out.println("  SUCCESS: " + rf.ruleCount() + " rules found");
        }
      } catch (RuleFileException e) {
        hasErrors = true;
        err.println("  FAILED:");
        e.errors().forEach(err::println);
      }
      out.println();
    }
    return hasErrors ? 1 : hasLint && lintFatal ? 3 : 0;
  }

  private boolean test(List<String> files) {
    boolean failed = false;
    for (String f : files) {
      out.println("Unit Testing:  " + f);
      List<String> errors = RuleUnitTester.run(Path.of(f));
      if (errors.isEmpty()) {
        out.println("  SUCCESS");
      } else {
        failed = true;
        err.println("  FAILED:");
        for (String e : errors) {
          err.println(e);
          out.println();
        }
      }
      out.println();
    }
    return failed;
  }
}
