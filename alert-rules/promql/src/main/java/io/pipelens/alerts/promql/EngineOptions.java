package io.pipelens.alerts.promql;

/**
 * Engine settings.
 *
 * @param lookbackDeltaMs how far back an instant selector looks for the latest sample (Prometheus
 *     default 5 minutes)
 * @param defaultSubqueryStepMs step of subqueries written without one, e.g. {@code x[1h:]}
 *     (Prometheus uses the global evaluation interval, default 1 minute)
 */
public record EngineOptions(long lookbackDeltaMs, long defaultSubqueryStepMs) {
  public static final EngineOptions DEFAULTS = new EngineOptions(5 * 60_000L, 60_000L);

  public EngineOptions {
    if (lookbackDeltaMs <= 0 || defaultSubqueryStepMs <= 0) {
      throw new IllegalArgumentException(
          "lookbackDeltaMs and defaultSubqueryStepMs must be positive, got " + lookbackDeltaMs + " and " + defaultSubqueryStepMs);
    }
  }
}
