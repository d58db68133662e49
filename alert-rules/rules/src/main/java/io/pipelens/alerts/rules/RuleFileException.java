package io.pipelens.alerts.rules;

import java.util.List;

/**
 * A rule file that cannot be used. {@link #errors()} lists every problem found, each prefixed
 * with the file name and, where it applies, the group, the 1-based rule index and the rule name,
 * as {@code promtool check rules} prints them.
 */
public final class RuleFileException extends RuntimeException {
  private final List<String> errors;

  public RuleFileException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
