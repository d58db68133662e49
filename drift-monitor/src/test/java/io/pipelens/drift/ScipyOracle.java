package io.pipelens.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/resources/scipy_oracle.py with Debian's /usr/bin/python3 (python3-scipy,
 * python3-numpy) on cases generated in Java and returns scipy's answers.
 */
public final class ScipyOracle {
  public static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Map<String, Object>> cases = new ArrayList<>();

  /** A case with two samples: numbers (double[]) or categories (String[]). */
  public ScipyOracle add(String id, String kind, Object a, Object b) {
    Map<String, Object> c = new HashMap<>();
    c.put("id", id);
    c.put("kind", kind);
    c.put("a", a);
    c.put("b", b);
    cases.add(c);
    return this;
  }

  public record Answer(double statistic, Double pValue) {}

  public Map<String, Answer> run(Path dir) throws IOException, InterruptedException {
    Path script = dir.resolve("scipy_oracle.py");
    try (InputStream in = ScipyOracle.class.getResourceAsStream("/scipy_oracle.py")) {
      Files.copy(in, script);
    }
    Path input = dir.resolve("cases.json");
    Path output = dir.resolve("answers.json");
    JSON.writeValue(input.toFile(), cases);
    Process p = new ProcessBuilder(PYTHON, script.toString(), input.toString(), output.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("python.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("scipy oracle timed out");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("scipy oracle failed (is python3-scipy installed for "
          + PYTHON + "?):\n" + Files.readString(dir.resolve("python.log")));
    }
    Map<String, Answer> out = new HashMap<>();
    JsonNode root = JSON.readTree(output.toFile());
    root.fields().forEachRemaining(e -> {
      JsonNode pv = e.getValue().get("pvalue");
      out.put(e.getKey(), new Answer(e.getValue().get("statistic").asDouble(),
          pv == null || pv.isNull() ? null : pv.asDouble()));
    });
    return out;
  }
}
