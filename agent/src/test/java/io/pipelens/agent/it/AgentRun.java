package io.pipelens.agent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs {@link ChildProcessApp} in a fresh JVM (this JVM's java), with or without the agent. */
record AgentRun(int exitCode, List<String> stdout, List<String> stderr) {

  /** Generous: the agent's start-up on a busy 2-core CI machine can take half a minute. */
  private static final long TIMEOUT_SECONDS = 240;

  static Path agentJar() {
    String configured = System.getProperty("pipelens.javaagent.jar");
    if (configured == null) {
      throw new IllegalStateException(
          "system property pipelens.javaagent.jar is not set; run these tests with"
              + " `mvn verify` (failsafe), which builds the distribution jar first");
    }
    Path jar = Paths.get(configured);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent distribution jar not found: " + jar);
    }
    return jar;
  }

  static AgentRun run(Path agentJar, Map<String, String> env, String... appArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    if (agentJar != null) {
      command.add("-javaagent:" + agentJar);
    }
    command.add("-cp");
    command.add(appClassPath());
    command.add(ChildProcessApp.class.getName());
    command.addAll(Arrays.asList(appArgs));

    Path dir = Files.createTempDirectory("pipelens-agent-it");
    File out = dir.resolve("stdout").toFile();
    File err = dir.resolve("stderr").toFile();
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
    builder.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.equals("TRACEPARENT"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("app did not finish in " + TIMEOUT_SECONDS + "s: " + command);
    }
    return new AgentRun(
        process.exitValue(),
        Files.readAllLines(out.toPath(), StandardCharsets.UTF_8),
        Files.readAllLines(err.toPath(), StandardCharsets.UTF_8));
  }

  /** The app's classes plus the OpenTelemetry API it uses, nothing else from the test class path. */
  private static String appClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            entry ->
                entry.endsWith("test-classes")
                    || entry.matches(".*opentelemetry-(api|context|common)-[0-9.]+\\.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The value printed by the app as {@code KEY=value}. */
  String printed(String key) {
    return stdout.stream()
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("app did not print " + key + ": " + stdout));
  }
}
