package io.pipelens.agent.process;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.pipelens.agent.context.EnvCarrier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the {@code ProcessBuilder.start()} advice calls. Injected into the bootstrap class loader
 * next to the JDK, so it only uses the (agent-shaded) OpenTelemetry API and Java 8 JDK classes.
 * Every entry point swallows its own failures: the host's process start must behave exactly as
 * without the agent.
 */
public final class ChildProcessTracer {

  static final String INSTRUMENTATION_NAME = "io.pipelens.agent.process";
  static final AttributeKey<String> EXECUTABLE_NAME =
      AttributeKey.stringKey("process.executable.name");
  static final AttributeKey<List<String>> COMMAND_ARGS =
      AttributeKey.stringArrayKey("process.command_args");

  private ChildProcessTracer() {}

  /**
   * Before the child is forked: starts the span and writes its context into the builder's
   * environment. Returns the {@link ChildRun} to hand to {@link #afterStart}, or null.
   */
  public static Object beforeStart(ProcessBuilder builder) {
    try {
      List<String> command = builder.command();
      if (command == null || command.isEmpty() || command.get(0) == null) {
        return null; // start() throws for these; nothing ran
      }
      String executable = CommandRedactor.executableName(command.get(0));
      Context parent = EnvCarrier.parentContext();
      Span span =
          tracer()
              .spanBuilder("exec " + executable)
              .setParent(parent)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(EXECUTABLE_NAME, executable)
              .setAttribute(COMMAND_ARGS, CommandRedactor.redact(command))
              .startSpan();
      Map<String, String> replaced;
      try {
        replaced =
            EnvCarrier.inject(EnvCarrier.propagator(), parent.with(span), builder.environment());
      } catch (Throwable e) {
        span.end();
        return null;
      }
      return new ChildRun(span, replaced, executable, startSite());
    } catch (Throwable e) {
      return null;
    }
  }

  /** After {@code start()} returned the process, or threw {@code error}. */
  public static void afterStart(
      Object run, ProcessBuilder builder, Process process, Throwable error) {
    if (!(run instanceof ChildRun)) {
      return;
    }
    ChildRun childRun = (ChildRun) run;
    try {
      // the child has its own copy now; leave the application's builder as it was
      EnvCarrier.restore(childRun.replacedEnvironment, builder.environment());
    } catch (Throwable ignored) {
      // restoring is best effort
    }
    try {
      if (error != null) {
        childRun.failedToStart(error);
      } else if (process != null) {
        childRun.started(process);
      } else {
        childRun.span.end();
      }
    } catch (Throwable ignored) {
      // never disturb the application
    }
  }

  /** After the application's {@code waitFor()} or {@code exitValue()} returned normally. */
  public static void afterWait(Process process) {
    try {
      ChildRun.observed(process);
    } catch (Throwable ignored) {
      // never disturb the application
    }
  }

  private static Tracer tracer() {
    return GlobalOpenTelemetry.getTracer(INSTRUMENTATION_NAME);
  }

  /** The application's stack at {@code ProcessBuilder.start()}, without the agent's frames. */
  private static StackTraceElement[] startSite() {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    int first = 0;
    while (first < stack.length && stack[first].getClassName().startsWith("io.pipelens.agent.")) {
      first++;
    }
    return Arrays.copyOfRange(stack, first, stack.length);
  }
}
