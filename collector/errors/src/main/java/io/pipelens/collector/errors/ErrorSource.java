package io.pipelens.collector.errors;

/** Where an error occurrence was found. */
public enum ErrorSource {
  /** A span event named {@code exception}. */
  SPAN_EVENT,
  /** A log record with {@code exception.*} attributes. */
  LOG_EXCEPTION,
  /** A log record with severity ERROR or above (severityNumber >= 17) and no exception attributes. */
  LOG_SEVERITY
}
