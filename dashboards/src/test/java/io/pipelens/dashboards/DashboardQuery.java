package io.pipelens.dashboards;

/**
 * One PromQL query of a generated dashboard: a panel target, or the selector of a {@code
 * label_values(selector, label)} template variable ({@code variableLabel} is then the label the
 * variable lists, else null). {@code instant}: Grafana sends it to {@code /api/v1/query}, not
 * {@code query_range}.
 *
 * @param where e.g. {@code pipelens-overview.json panel 'Runs per second' query A}
 */
record DashboardQuery(String dashboard, String where, String expr, String variableLabel, boolean instant) {

  DashboardQuery(String dashboard, String where, String expr, String variableLabel) {
    this(dashboard, where, expr, variableLabel, false);
  }

  boolean isVariable() {
    return variableLabel != null;
  }
}
