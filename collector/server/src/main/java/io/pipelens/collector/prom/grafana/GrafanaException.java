package io.pipelens.collector.prom.grafana;

/** A Grafana API call that failed; the message names the request and Grafana's answer. */
public final class GrafanaException extends Exception {
  private final int status;

  GrafanaException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** Grafana's HTTP status, 0 when Grafana could not be reached. */
  public int status() {
    return status;
  }
}
