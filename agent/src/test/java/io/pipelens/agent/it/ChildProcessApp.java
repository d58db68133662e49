package io.pipelens.agent.it;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The host application the integration tests run under the agent. Uses only the application's
 * OpenTelemetry API, like a user's code would; prints what the tests assert on.
 */
public final class ChildProcessApp {

  private ChildProcessApp() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "spawn";
    switch (mode) {
      case "spawn" -> spawn();
      case "crash" -> throw new IllegalStateException("boom in " + Thread.currentThread().getName());
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static void spawn() throws Exception {
    Span step = GlobalOpenTelemetry.getTracer("it-app").spanBuilder("pipeline-step").startSpan();
    try (Scope ignored = step.makeCurrent()) {
      System.out.println("APP_TRACE=" + step.getSpanContext().getTraceId());
      System.out.println("APP_SPAN=" + step.getSpanContext().getSpanId());

      ProcessBuilder ok =
          new ProcessBuilder(
              "sh",
              "-c",
              "echo \"TP=$TRACEPARENT\"; echo \"CUSTOM=$PIPELENS_CUSTOM\"; "
                  + "echo \"INHERITED=$PIPELENS_INHERITED\"; echo \"PATH_SET=${PATH:+yes}\"",
              "child-ok",
              "--password",
              "hunter2",
              "DB_TOKEN=s3cret",
              "--epochs",
              "3");
      ok.environment().put("PIPELENS_CUSTOM", "custom-value");
      Process child = ok.start();
      relay(child);
      System.out.println("OK_EXIT=" + child.waitFor());
      System.out.println("BUILDER_HAS_TRACEPARENT=" + ok.environment().containsKey("TRACEPARENT"));

      Process failing = Runtime.getRuntime().exec(new String[] {"sh", "-c", "exit 3"});
      System.out.println("FAIL_EXIT=" + failing.waitFor());

      try {
        new ProcessBuilder("/nonexistent/pipelens-no-such-tool").start();
      } catch (IOException expected) {
        System.out.println("START_FAILED=" + expected.getClass().getSimpleName());
      }
    } finally {
      step.end();
    }
  }

  private static void relay(Process child) throws IOException {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println("CHILD " + line);
      }
    }
  }
}
