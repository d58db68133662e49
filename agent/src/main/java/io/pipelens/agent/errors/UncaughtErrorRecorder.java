package io.pipelens.agent.errors;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.pipelens.agent.context.EnvCarrier;

/**
 * A default uncaught-exception handler that records the exception as a span and then does exactly
 * what would have happened without it: calls the handler it wraps, or, if there was none, prints
 * the stack trace to stderr like {@link ThreadGroup#uncaughtException} does.
 *
 * <p>The span ({@code uncaught exception}, status ERROR, an {@code exception} event with type,
 * message and stack trace) is a child of the thread's current span, or of the trace this JVM was
 * started in (TRACEPARENT), so the crash shows up in the pipeline's trace. A current span that
 * is still recording gets the event and ERROR status too.
 */
public final class UncaughtErrorRecorder implements Thread.UncaughtExceptionHandler {

  static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");

  private final Thread.UncaughtExceptionHandler next;

  /** {@code next} may be null: then the JDK's default printing is reproduced. */
  public UncaughtErrorRecorder(Thread.UncaughtExceptionHandler next) {
    this.next = next;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    try {
      record(thread, error);
    } catch (Throwable ignored) {
      // recording must never change what the application sees
    }
    if (next != null) {
      next.uncaughtException(thread, error);
    } else if (!"java.lang.ThreadDeath".equals(error.getClass().getName())) {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      error.printStackTrace(System.err);
    }
  }

  private static void record(Thread thread, Throwable error) {
    String message = error.getClass().getName() + ": " + error.getMessage();
    Span current = Span.current();
    if (current.isRecording()) {
      current.recordException(error);
      current.setStatus(StatusCode.ERROR, message);
    }
    Span span =
        GlobalOpenTelemetry.getTracer("io.pipelens.agent.errors")
            .spanBuilder("uncaught exception")
            .setParent(EnvCarrier.parentContext())
            .setAttribute(THREAD_NAME, thread.getName())
            .setAttribute(THREAD_ID, thread.getId())
            .startSpan();
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, message);
    span.end();
  }
}
