package io.pipelens.alerts.rules.eval;

/** Prometheus alert states; an inactive alert that was firing is "resolved" (kept 15 minutes to be sent as such). */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING;

  /** The {@code alertstate} label value. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
