package io.pipelens.example;

/** Outcome of one pipeline run; {@code error} is empty when every step completed. */
public record RunResult(int run, String traceId, String error) {
  public boolean ok() {
    return error.isEmpty();
  }

  /** The line the scheduler prints per run (scripts and tests read it). */
  public String line() {
    return "run=" + run + " trace=" + traceId + " status=" + (ok() ? "ok" : "failed")
        + (ok() ? "" : " error=" + error.replace('\n', ' '));
  }
}
