package io.pipelens.collector.alerting;

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

/** Debian's real prometheus-alertmanager on a given loopback port, without clustering. */
final class ExternalAlertmanager implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  private final Process process;
  final String url;

  ExternalAlertmanager(Path dir, int port) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("am.yml"), "route: {receiver: nobody}\nreceivers: [{name: nobody}]\n");
    url = "http://127.0.0.1:" + port;
    process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("am.yml"),
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
        HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
