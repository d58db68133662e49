package io.pipelens.alerts.promql;

/**
 * Engine settings.
 *
 * @param lookbackDeltaMs how far back an instant selector looks for the latest sample (Prometheus
 *     default 5 minutes)
 * @param defaultSubqueryStepMs step of subqueries written without one, e.g. {@code x[1h:]}
 *     (Prometheus uses the global evaluation interval, default 1 minute)
 * @param maxSubquerySteps most inner evaluations one subquery may need at one outer step; a query
 *     asking for more (e.g. {@code x[30d:1s]}) fails instead of running for hours
 */
public record EngineOptions(long lookbackDeltaMs, long defaultSubqueryStepMs, long maxSubquerySteps) {
  public static final EngineOptions DEFAULTS = new EngineOptions(5 * 60_000L, 60_000L, 100_000L);

  /** Maximum points per series of a range query, as Prometheus's HTTP API allows. */
  public static final long MAX_RANGE_STEPS = 11_000;

  public EngineOptions {
    if (lookbackDeltaMs <= 0 || defaultSubqueryStepMs <= 0 || maxSubquerySteps <= 0) {
      throw new IllegalArgumentException("lookbackDeltaMs, defaultSubqueryStepMs and maxSubquerySteps must be positive, got "
          + lookbackDeltaMs + ", " + defaultSubqueryStepMs + " and " + maxSubquerySteps);
    }
  }
}
