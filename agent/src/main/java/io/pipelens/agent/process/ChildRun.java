package io.pipelens.agent.process;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One started child process: its span, the environment variables the agent replaced in the
 * builder (restored right after start), and where it was started. Ends the span when the child
 * exits.
 */
public final class ChildRun implements Runnable {

  static final AttributeKey<Long> EXIT_CODE = AttributeKey.longKey("process.exit.code");
  static final AttributeKey<Long> PID = AttributeKey.longKey("process.pid");

  final Span span;
  final Map<String, String> replacedEnvironment;
  private final String commandName;
  private final StackTraceElement[] startSite;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Process process;

  /** Runs of processes that have not been seen to exit yet, by process identity. */
  private static final Map<Process, ChildRun> RUNNING =
      Collections.synchronizedMap(new WeakHashMap<Process, ChildRun>());

  ChildRun(
      Span span,
      Map<String, String> replacedEnvironment,
      String commandName,
      StackTraceElement[] startSite) {
    this.span = span;
    this.replacedEnvironment = replacedEnvironment;
    this.commandName = commandName;
    this.startSite = startSite;
  }

  /** Watches the started process; the span ends when it exits. */
  void started(Process process) {
    this.process = process;
    Long pid = Pids.of(process);
    if (pid != null) {
      span.setAttribute(PID, pid);
    }
    RUNNING.put(process, this);
    ExitWatcher.whenExited(process, this);
  }

  /**
   * The application saw {@code process} end ({@code waitFor()} or {@code exitValue()} returned).
   * Ends the span right there, so it is not lost if the JVM exits before {@code onExit()} fires.
   */
  static void observed(Process process) {
    ChildRun run = RUNNING.get(process);
    if (run != null && !process.isAlive()) {
      run.run();
    }
  }

  /** The process could not be started (command not found, permission denied, ...). */
  void failedToStart(Throwable error) {
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, "could not start " + commandName + ": " + error.getMessage());
    span.end();
  }

  /** Called once the process has exited. */
  @Override
  public void run() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    RUNNING.remove(process);
    try {
      int code = process.exitValue();
      span.setAttribute(EXIT_CODE, (long) code);
      if (code != 0) {
        String message = commandName + " exited with code " + code;
        span.recordException(new ChildProcessFailedException(message, startSite));
        span.setStatus(StatusCode.ERROR, message);
      }
    } catch (Throwable ignored) {
      // never disturb the thread that completes Process.onExit()
    } finally {
      span.end();
    }
  }
}
