package io.pipelens.alerts.notify;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's prometheus-alertmanager started on a free loopback port, without clustering. */
public final class RealAlertmanager implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  private final Process process;
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  public RealAlertmanager(Path dir, String configYaml) throws IOException {
    Files.writeString(dir.resolve("am.yml"), configYaml);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    base = URI.create("http://127.0.0.1:" + port);
    process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("am.yml"),
        "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=", "--web.external-url=http://am.local")
        .redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("/-/ready").statusCode() == 200);
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
