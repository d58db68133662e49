package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Span;

/**
 * The same spans posted to pipelens and to the real zipkin-server (the exec jar Maven copies to
 * {@code target/peers}, in-memory storage): every search of {@link ZipkinSearchData#QUERIES} and
 * the name lists answer the same traces in the same order, decoded to equal spans.
 */
class ZipkinServerComparisonTest {
  static TestCollector c;
  static Process zipkin;
  static String zipkinBase;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("zipkin-server", ".log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", zipkinJar().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(Map.of("QUERY_PORT", Integer.toString(port), "STORAGE_TYPE", "mem",
        "COLLECTOR_SCRIBE_ENABLED", "false"));
    zipkin = pb.start();
    zipkinBase = "http://127.0.0.1:" + port;
    c = new TestCollector();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().until(() -> {
          assertThat(zipkin.isAlive()).as("zipkin-server exited, see " + log).isTrue();
          return c.get(zipkinBase + "/health").statusCode() == 200;
        });
    ZipkinSearchData data = new ZipkinSearchData(System.currentTimeMillis() * 1000);
    data.postTo(c.http, c.zipkinUrl());
    data.postTo(c.http, zipkinBase + "/api/v2/spans");
    // zipkin-server stores asynchronously after its 202
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        new io.vertx.core.json.JsonArray(get(zipkinBase, "/api/v2/traces?lookback=86400000")))
        .hasSize(3));
  }

  @AfterAll
  static void stop() throws Exception {
    if (c != null) {
      c.close();
    }
    if (zipkin != null) {
      zipkin.destroy();
      if (!zipkin.waitFor(30, TimeUnit.SECONDS)) {
        zipkin.destroyForcibly();
      }
    }
  }

  static Path zipkinJar() throws Exception {
    Path target = Path.of(ZipkinServerComparisonTest.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).getParent();
    try (Stream<Path> peers = Files.list(target.resolve("peers"))) {
      return peers.filter(p -> p.getFileName().toString().matches("zipkin-server-.*-exec\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no zipkin-server exec jar in "
              + target.resolve("peers") + " (copied by the pom at generate-test-resources)"));
    } catch (IOException e) {
      throw new IllegalStateException("no " + target.resolve("peers")
          + ": run through Maven, which copies the zipkin-server exec jar there", e);
    }
  }

  static String get(String base, String pathAndQuery) throws Exception {
    HttpResponse<String> r = c.http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(base + pathAndQuery + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  static String pipelens() {
    return "http://127.0.0.1:" + c.collector.ports().zipkin();
  }

  @Test
  void everySearchAnswersTheSameTracesAsZipkin() throws Exception {
    for (var query : ZipkinSearchData.QUERIES.entrySet()) {
      String path = "/api/v2/traces?" + query.getKey();
      List<List<Span>> ours = ZipkinSearchTest.decodeTraces(get(pipelens(), path));
      List<List<Span>> theirs = ZipkinSearchTest.decodeTraces(get(zipkinBase, path));
      assertThat(ZipkinSearchData.traceIds(theirs)).as("zipkin-server " + path)
          .containsExactlyElementsOf(query.getValue());
      assertThat(ZipkinSearchData.traceIds(ours)).as("pipelens " + path)
          .containsExactlyElementsOf(query.getValue());
      for (int i = 0; i < ours.size(); i++) {
        assertThat(ours.get(i)).as(path).containsExactlyInAnyOrderElementsOf(theirs.get(i));
      }
    }
  }

  @Test
  void nameListsAndTraceManyAnswerAsZipkin() throws Exception {
    for (String path : List.of("/api/v2/services", "/api/v2/spans?serviceName=frontend",
        "/api/v2/spans?serviceName=backend", "/api/v2/remoteServices?serviceName=frontend",
        "/api/v2/traceMany?traceIds=" + ZipkinSearchData.USERS + "," + ZipkinSearchData.OLD)) {
      String theirs = get(zipkinBase, path);
      String ours = get(pipelens(), path);
      if (path.contains("traceMany")) {
        assertThat(ZipkinSearchTest.decodeTraces(ours)).as(path)
            .containsExactlyInAnyOrderElementsOf(ZipkinSearchTest.decodeTraces(theirs));
      } else {
        assertThat(ours).as(path).isEqualTo(theirs);
      }
    }
  }
}
