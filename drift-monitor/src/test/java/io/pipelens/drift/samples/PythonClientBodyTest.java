package io.pipelens.drift.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelens.drift.ScipyOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The body the real Python client (agent/python, run by /usr/bin/python3) builds for
 * log_model_samples is accepted by this parser with the same values: the two sides of the wire
 * format cannot drift apart unnoticed.
 */
class PythonClientBodyTest {
  private static final String SCRIPT = """
      import sys, pipelens._drift as d
      sys.stdout.buffer.write(d.samples_body("churn", 3,
          {"age": [31, 45.5, float("nan")], "country": ["de", "fr", None], "flag": [True, False, True]},
          prediction=[0.2, 0.9, 0.4], label=[0, 1, 0],
          trace_ids=["4BF92F3577B34DA6A3CE929D0E0E4736"] * 3, timestamp_ns=1700000000000000000))
      """;

  @Test
  void pythonClientBodyParses() throws Exception {
    Path client = repoRoot().resolve("agent/python");
    assumeTrue(Files.isDirectory(client.resolve("pipelens")), "agent/python not in this checkout");
    ProcessBuilder pb = new ProcessBuilder(ScipyOracle.PYTHON, "-c", SCRIPT);
    pb.environment().put("PYTHONPATH", client.toString());
    Process run = pb.start();
    // the body is a few hundred bytes: it fits the pipe, so waiting first cannot deadlock
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    byte[] body = run.getInputStream().readAllBytes();
    assertThat(run.exitValue()).as(new String(run.getErrorStream().readAllBytes())).isZero();

    SampleBatch b = SampleBatchParser.parse(body);
    assertThat(b.model()).isEqualTo("churn");
    assertThat(b.version()).isEqualTo("3");
    assertThat(b.rows()).isEqualTo(3);
    assertThat(b.timestampUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(b.columns().get("age").number(1)).isEqualTo(45.5);
    assertThat(b.columns().get("age").key(2)).isNull();
    assertThat(b.columns().get("country").key(2)).isNull();
    assertThat(b.columns().get("flag").key(0)).isEqualTo("1");
    assertThat(b.label().number(1)).isEqualTo(1.0);
    assertThat(b.traceIds()).containsOnly("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }
}
