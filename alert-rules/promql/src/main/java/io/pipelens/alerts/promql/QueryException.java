package io.pipelens.alerts.promql;

/** A query that parsed but could not be evaluated, e.g. many-to-many matching or duplicate output series. */
public final class QueryException extends RuntimeException {
  public QueryException(String message) {
    super(message);
  }
}
