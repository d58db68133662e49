package io.pipelens.agent.process;

/**
 * Recorded (never thrown) on the span of a child process that exited with a non-zero code. Its
 * stack trace is where the host application started the process.
 */
public final class ChildProcessFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChildProcessFailedException(String message, StackTraceElement[] startSite) {
    super(message, null, false, true);
    setStackTrace(startSite);
  }
}
