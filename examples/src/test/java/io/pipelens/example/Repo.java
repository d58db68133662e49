package io.pipelens.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the built pieces are; failsafe passes the paths (see examples/pom.xml). */
final class Repo {
  private Repo() {}

  static Path root() {
    return Path.of(property("pipelens.repo")).toAbsolutePath().normalize();
  }

  static Path pipelineDir() {
    return root().resolve("examples/pipeline");
  }

  static Path pythonClient() {
    return root().resolve("agent/python");
  }

  static Path rPackage() {
    return root().resolve("agent/r");
  }

  static Path javaagent() {
    return existing(Path.of(property("pipelens.javaagent.jar")), "the pipelens Java agent (build agent/)");
  }

  /** The collector's jar plus lib/* (what bin/pipelens collector runs). */
  static String collectorClasspath() {
    Path build = existing(Path.of(property("pipelens.collector.build")), "collector/server's build folder");
    try (Stream<Path> files = Files.list(build)) {
      Path jar = files.filter(p -> p.getFileName().toString().matches("pipelens-collector-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no pipelens-collector jar in " + build));
      return jar + java.io.File.pathSeparator + build.resolve("lib") + "/*";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String schedulerClasspath() {
    Path file = existing(Path.of(property("pipelens.scheduler.classpath-file")), "scheduler.classpath");
    try {
      return property("pipelens.scheduler.classes") + java.io.File.pathSeparator
          + Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe)");
    }
    return value;
  }

  private static Path existing(Path path, String what) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(what + " not found at " + path + "; build it first");
    }
    return path;
  }
}
