package io.pipelens.example;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/pipelens agent}: the local OTLP forwarder that keeps telemetry on disk while the
 * collector is away (docs/clients.md). Applications on the machine send to it instead.
 */
final class LocalForwarder implements AutoCloseable {
  final int port = Repo.freePort();
  private final ChildProcess process;

  LocalForwarder(CollectorProcess collector, Path spoolDir, Path clientSpoolDir, Path log) {
    process = ChildProcess.start("pipelens agent", List.of(
        Repo.root().resolve("bin/pipelens").toString(), "agent",
        "--listen", "127.0.0.1:" + port,
        "--endpoint", collector.otlpUrl(), "--api-endpoint", collector.apiUrl(),
        "--spool-dir", spoolDir.toString(), "--client-spool-dir", clientSpoolDir.toString(),
        "--max-backoff-ms", "1000"), Map.of(), log);
    await("pipelens agent /health").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> {
          if (!process.alive()) {
            throw new AssertionError("pipelens agent exited:\n" + process.tail());
          }
          return CollectorProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.close();
  }
}
