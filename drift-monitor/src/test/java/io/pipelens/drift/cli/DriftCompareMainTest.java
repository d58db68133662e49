package io.pipelens.drift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI entry point on generated CSV files. */
class DriftCompareMainTest {
  @TempDir Path dir;
  private Path ref;
  private Path cur;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeFiles() throws IOException {
    // 800 reference rows (auto: KS / chi-square / z), 600 current rows; income and plan drift
    ref = write("ref.csv", 800, new SplittableRandom(1), 0.0, 0.2);
    cur = write("cur.csv", 600, new SplittableRandom(2), 1.0, 0.6);
  }

  private Path write(String name, int rows, SplittableRandom r, double incomeShift, double premium) throws IOException {
    StringBuilder sb = new StringBuilder("age,income,plan,churned\n");
    for (int i = 0; i < rows; i++) {
      double age = 20 + r.nextDouble() * 50;
      double income = 50 + 10 * (gauss(r) + incomeShift);
      String plan = r.nextDouble() < premium ? "premium" : (r.nextBoolean() ? "basic" : "free");
      sb.append(String.format(Locale.ROOT, "%.1f,%.2f,%s,%d%n", age, income, plan, r.nextDouble() < 0.3 ? 1 : 0));
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private int run(String... args) {
    return DriftCompareMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void tableShowsPerFeatureVerdictsAndDatasetDrift() {
    int code = run("compare", "--reference", ref.toString(), "--current", cur.toString());
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(table).containsPattern("(?m)^income\\s+numeric\\s+ks\\s+\\S+\\s+\\S+\\s+0\\.050000\\s+yes");
    assertThat(table).containsPattern("(?m)^age\\s+numeric\\s+ks\\s+.*\\s+no\\s+800\\s+600$");
    assertThat(table).containsPattern("(?m)^plan\\s+categorical\\s+chisquare\\s+.*\\s+yes");
    assertThat(table).containsPattern("(?m)^churned\\s+categorical\\s+z\\s+.*\\s+no");
    assertThat(table).contains("Dataset drift: YES (2 of 4 features drifted, share 0.500, threshold 0.500)");
  }

  @Test
  void jsonWithMethodThresholdAndColumns() throws Exception {
    int code = run("--reference", ref.toString(), "--current", cur.toString(), "--format", "json",
        "--method", "psi", "--threshold", "0.2", "--columns", "income,age");
    assertThat(code).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(report.get("features")).hasSize(2);
    JsonNode income = report.get("features").get(0);
    assertThat(income.get("feature").asText()).isEqualTo("income");
    assertThat(income.get("method").asText()).isEqualTo("psi");
    assertThat(income.get("type").asText()).isEqualTo("numeric");
    assertThat(income.get("threshold").asDouble()).isEqualTo(0.2);
    assertThat(income.get("statistic").asDouble()).isGreaterThan(0.2);
    assertThat(income.get("drifted").asBoolean()).isTrue();
    assertThat(report.get("features").get(1).get("drifted").asBoolean()).isFalse();
    assertThat(report.get("driftShare").asDouble()).isEqualTo(0.5);
    assertThat(report.get("datasetDrift").asBoolean()).isTrue();
  }

  @Test
  void badInputExitsWithTwoAndSaysWhatWasWrong() {
    assertThat(run("--reference", dir.resolve("nope.csv").toString(), "--current", cur.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.csv: no such file");
    err.reset();
    assertThat(run("--reference", ref.toString(), "--current", cur.toString(), "--columns", "salary")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("column 'salary' is not in the reference data");
    err.reset();
    assertThat(run("--reference", ref.toString(), "--current", cur.toString(), "--method", "magic")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown drift method 'magic'");
    err.reset();
    assertThat(run("--reference", ref.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--reference and --current are required");
    err.reset();
    assertThat(run("--reference", ref.toString(), "--current", cur.toString(), "--method", "ks", "--columns", "plan"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("method 'ks' cannot compare categorical feature 'plan'");
    assertThat(out.size()).isZero();
  }
}
