package io.pipelens.alerts.rules;

import java.util.regex.Pattern;

/** Prometheus's (legacy, pre-UTF-8) metric and label name rules. */
public final class Names {
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private Names() {}

  public static boolean isValidMetricName(String s) {
    return METRIC.matcher(s).matches();
  }

  public static boolean isValidLabelName(String s) {
    return LABEL.matcher(s).matches();
  }
}
