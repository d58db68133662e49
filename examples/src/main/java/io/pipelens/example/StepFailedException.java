package io.pipelens.example;

/** A pipeline step that did not complete; the message names the step and what went wrong. */
public final class StepFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public StepFailedException(String message) {
    super(message);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
