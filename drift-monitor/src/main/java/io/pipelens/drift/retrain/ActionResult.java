package io.pipelens.drift.retrain;

/**
 * What one action did for one trigger.
 *
 * @param outcome {@code success}, {@code failure} or {@code timeout}
 * @param exitCode the command's exit code; null for other actions and killed commands
 * @param attempts tries made (webhook retries count)
 * @param detail a one-line explanation (HTTP status, error message), may be empty
 * @param stdoutTail last bytes of the command's standard output (commands only, else empty)
 * @param stderrTail last bytes of its standard error
 * @param newVersion the model version the run reported (commands: written to
 *     {@code $PIPELENS_VERSION_FILE}), or null
 */
public record ActionResult(
    String outcome, Integer exitCode, int attempts, String detail, String stdoutTail,
    String stderrTail, String newVersion) {
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String TIMEOUT = "timeout";

  public static ActionResult of(String outcome, int attempts, String detail) {
    return new ActionResult(outcome, null, attempts, detail, "", "", null);
  }

  public boolean succeeded() {
    return SUCCESS.equals(outcome);
  }
}
