package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.QueryResult;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Eval;
import io.pipelens.alerts.promql.conformance.ScriptCommand.Expectation;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code expect fail|warn|info|no_warn|no_info} rules of promqltest. */
final class Expectations {
  private Expectations() {}

  /** Returns a failure description, or null when all expectations hold. */
  static String check(Eval e, QueryResult result, RuntimeException error) {
    List<Expectation> fails = e.expectations().stream().filter(x -> x.type().equals("fail")).toList();
    if (!fails.isEmpty()) {
      if (error == null) {
        return "expected the query to fail, but it succeeded";
      }
      for (Expectation f : fails) {
        if (!matches(f, error.getMessage())) {
          return "error message mismatch: expected " + f.matchType() + " '" + f.text() + "', got '" + error.getMessage() + "'";
        }
      }
      return null;
    }
    if (error != null) {
      return "unexpected error: " + error.getMessage();
    }
    String w = annotations("warn", e, result.warnings());
    return w != null ? w : annotations("info", e, result.infos());
  }

  private static String annotations(String type, Eval e, List<String> actual) {
    if (e.has("no_" + type) && !actual.isEmpty()) {
      return "expected no " + type + " annotations, got " + actual;
    }
    List<Expectation> wanted = e.expectations().stream().filter(x -> x.type().equals(type)).toList();
    if (wanted.isEmpty()) {
      return null;
    }
    for (Expectation x : wanted) {
      if (actual.stream().noneMatch(a -> matches(x, a))) {
        return "expected " + type + " annotation " + (x.text() == null ? "" : "'" + x.text() + "' ") + "but got " + actual;
      }
    }
    for (String a : actual) {
      if (wanted.stream().noneMatch(x -> matches(x, a))) {
        return "unexpected " + type + " annotation: " + a;
      }
    }
    return null;
  }

  private static boolean matches(Expectation x, String message) {
    if (x.matchType() == null) {
      return true;
    }
    String text = x.text().strip();
    if (x.matchType().equals("msg")) {
      return message.equals(text) || message.equals(unquote(text));
    }
    return Pattern.compile(unquote(text)).matcher(message).find();
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
