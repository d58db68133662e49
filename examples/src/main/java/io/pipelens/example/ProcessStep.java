package io.pipelens.example;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python or R step as a child process, as schedulers usually do: a plain {@link
 * ProcessBuilder}. The pipelens Java agent gives the child TRACEPARENT (and an exec span); this
 * class only names the child's service and keeps its output in the run folder.
 */
final class ProcessStep {
  private static final long TIMEOUT_MINUTES = 5;

  private ProcessStep() {}

  /** Runs {@code command}; fails naming the step, its exit status and its log file. */
  static void run(String step, String service, List<String> command, Path runDir)
      throws StepFailedException {
    Path log = runDir.resolve(step + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("OTEL_SERVICE_NAME", service);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new StepFailedException(step + ": no exit after " + TIMEOUT_MINUTES + " min; log " + log);
      }
      if (process.exitValue() != 0) {
        throw new StepFailedException(step + ": exit status " + process.exitValue() + "; log " + log);
      }
    } catch (IOException e) {
      throw new StepFailedException(step + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException(step + ": interrupted", e);
    }
  }
}
