package io.pipelens.drift.retrain;

import io.pipelens.drift.config.ActionSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program WITHOUT a shell (the configured argument list as is), with the trigger in its
 * environment: {@code PIPELENS_MODEL}, {@code PIPELENS_MODEL_VERSION}, {@code
 * PIPELENS_DRIFT_REASON} (the statistics as JSON), {@code PIPELENS_TRIGGER_ID}, {@code
 * TRACEPARENT} (so an OpenTelemetry-instrumented run joins the trigger's trace) and {@code
 * PIPELENS_VERSION_FILE}, a file the run may write the new model version into. Standard output
 * and error go to temporary files whose last {@value #TAIL} bytes are kept. On timeout the
 * process and its descendants are killed.
 */
public final class CommandAction implements RetrainAction {
  static final int TAIL = 4096;
  private final ActionSpec.Command spec;

  public CommandAction(ActionSpec.Command spec) {
    this.spec = spec;
  }

  @Override
  public String kind() {
    return "command";
  }

  @Override
  public ActionResult run(RetrainEvent event) {
    Path out = null;
    Path err = null;
    Path versionFile = null;
    try {
      out = Files.createTempFile("pipelens-retrain-", ".out");
      err = Files.createTempFile("pipelens-retrain-", ".err");
      versionFile = Files.createTempFile("pipelens-retrain-", ".version");
      ProcessBuilder pb = new ProcessBuilder(spec.argv())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(spec.env());
      pb.environment().put("PIPELENS_MODEL", event.model());
      pb.environment().put("PIPELENS_MODEL_VERSION", event.version());
      pb.environment().put("PIPELENS_DRIFT_REASON", event.reason().toString());
      pb.environment().put("PIPELENS_TRIGGER_ID", event.triggerId());
      pb.environment().put("TRACEPARENT", event.traceparent());
      pb.environment().put("PIPELENS_VERSION_FILE", versionFile.toString());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return ActionResult.of(ActionResult.FAILURE, 1, "cannot start " + spec.argv().get(0)
            + ": " + e.getMessage());
      }
      boolean done = p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new ActionResult(ActionResult.TIMEOUT, null, 1,
            "killed after " + spec.timeout().toMillis() + " ms", tail(out), tail(err), null);
      }
      int code = p.exitValue();
      String version = Files.readString(versionFile, StandardCharsets.UTF_8).trim();
      return new ActionResult(code == 0 ? ActionResult.SUCCESS : ActionResult.FAILURE, code, 1,
          "exit code " + code, tail(out), tail(err), version.isEmpty() ? null : version);
    } catch (IOException e) {
      return ActionResult.of(ActionResult.FAILURE, 1, "command I/O failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ActionResult.of(ActionResult.FAILURE, 1, "interrupted (collector shutting down)");
    } finally {
      for (Path f : new Path[] {out, err, versionFile}) {
        if (f != null) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException ignored) {
            // a temp file left behind is harmless
          }
        }
      }
    }
  }

  /** The last {@value #TAIL} bytes of a file as UTF-8 (a cut character becomes U+FFFD). */
  static String tail(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      byte[] b = new byte[(int) Math.min(len, TAIL)];
      f.seek(len - b.length);
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}
