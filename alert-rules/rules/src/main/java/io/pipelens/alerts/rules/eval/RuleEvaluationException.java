package io.pipelens.alerts.rules.eval;

/** A rule's evaluation failed at one timestamp; the message is Prometheus's wording. */
public final class RuleEvaluationException extends RuntimeException {
  public RuleEvaluationException(String message) {
    super(message);
  }
}
