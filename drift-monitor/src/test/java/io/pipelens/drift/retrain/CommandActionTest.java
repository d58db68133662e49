package io.pipelens.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.drift.config.ActionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real processes: /usr/bin/python3 stands in for a retraining script. */
class CommandActionTest extends RetrainActionContract {
  private final Path dump;

  CommandActionTest() throws Exception {
    dump = Files.createTempFile("pipelens-cmd", ".json");
  }

  static CommandAction python(String code, Duration timeout, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", code));
    argv.addAll(List.of(args));
    return new CommandAction(new ActionSpec.Command(argv, timeout, Map.of("EXTRA", "x")));
  }

  @Override
  protected RetrainAction working() {
    return python("import json, os, sys\n"
        + "json.dump({'model': os.environ['PIPELENS_MODEL'],"
        + " 'version': os.environ['PIPELENS_MODEL_VERSION'],"
        + " 'reason': json.loads(os.environ['PIPELENS_DRIFT_REASON']),"
        + " 'traceparent': os.environ['TRACEPARENT']}, open(sys.argv[1], 'w'))",
        Duration.ofSeconds(30), dump.toString());
  }

  @Override
  protected RetrainAction broken() {
    return new CommandAction(new ActionSpec.Command(List.of("/nonexistent/retrain"),
        Duration.ofSeconds(5), Map.of()));
  }

  @Override
  protected Delivery received() throws Exception {
    JsonNode body = JSON.readTree(dump.toFile());
    return new Delivery(body.path("traceparent").asText(), body);
  }

  @Test
  void argumentsReachTheProgramLiterallyWithoutAShell() {
    ActionResult r = python("import sys; print(repr(sys.argv[1:]))", Duration.ofSeconds(30),
        "a b; echo pwned", "$HOME", "`id`").run(event());
    assertThat(r.outcome()).isEqualTo(ActionResult.SUCCESS);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutTail().trim()).isEqualTo("['a b; echo pwned', '$HOME', '`id`']");
  }

  @Test
  void failingRunRecordsExitCodeAndTheTailOfItsOutput() {
    ActionResult r = python("import sys\n"
        + "print('x' * 10000 + 'END-OF-STDOUT')\n"
        + "sys.stderr.write('training data missing\\n')\n"
        + "sys.exit(3)", Duration.ofSeconds(30)).run(event());
    assertThat(r.outcome()).isEqualTo(ActionResult.FAILURE);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdoutTail()).hasSizeLessThanOrEqualTo(CommandAction.TAIL).endsWith("END-OF-STDOUT\n");
    assertThat(r.stderrTail()).isEqualTo("training data missing\n");
  }

  @Test
  void runPastItsTimeoutIsKilled() {
    long start = System.nanoTime();
    ActionResult r = python("import time, sys\nprint('started', flush=True)\ntime.sleep(60)",
        Duration.ofMillis(1500)).run(event());
    assertThat(r.outcome()).isEqualTo(ActionResult.TIMEOUT);
    assertThat(r.exitCode()).isNull();
    assertThat(r.stdoutTail()).contains("started");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void versionWrittenByTheRunIsReported() {
    ActionResult r = python("import os\n"
        + "open(os.environ['PIPELENS_VERSION_FILE'], 'w').write('4\\n')", Duration.ofSeconds(30))
        .run(event());
    assertThat(r.newVersion()).isEqualTo("4");
  }
}
