package io.pipelens.dashboards;

/**
 * What Grafana sends for a dashboard query at the variables' defaults: every template variable at
 * "All" ({@code .*}, the dashboards' allValue) and the interval variables of a short test range.
 */
final class GrafanaInterpolation {
  private GrafanaInterpolation() {}

  /**
   * @param range the dashboard time range as a PromQL duration, e.g. {@code 1m}
   * @param rateInterval what {@code $__rate_interval} becomes
   */
  static String atAll(String expr, String range, String rateInterval) {
    return expr
        .replace("$__rate_interval", rateInterval)
        .replace("${__range_s}", "60").replace("$__range_s", "60")
        .replace("$__range", range).replace("${__range}", range)
        .replace("$__interval", "5s")
        .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", ".*");
  }
}
