package io.pipelens.drift.retrain;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real RabbitMQ broker from Debian's rabbitmq-server, started for a test on free loopback ports
 * with its own node name, HOME (Erlang cookie), Mnesia and log directories, so it never meets
 * another broker on the machine. Absent package: the test is skipped, or fails when
 * PIPELENS_REQUIRE_ALL=1.
 */
final class RabbitBroker implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
  final int port;
  final String node;
  private final Path dir;
  private final Map<String, String> env;
  private final Process process;

  private RabbitBroker(Path dir, int port, int distPort) throws IOException {
    this.dir = dir;
    this.port = port;
    this.node = "pipelens-drift-" + ProcessHandle.current().pid() + "@localhost";
    this.env = Map.ofEntries(
        Map.entry("HOME", dir.toString()),
        Map.entry("RABBITMQ_NODENAME", node),
        Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
        Map.entry("RABBITMQ_NODE_PORT", Integer.toString(port)),
        Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
        Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
        Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
        Map.entry("RABBITMQ_PID_FILE", dir.resolve("pid").toString()),
        Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString()),
        Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString()),
        Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
        Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()));
    ProcessBuilder pb = new ProcessBuilder(SERVER.toString()).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
    pb.environment().putAll(env);
    this.process = pb.start();
  }

  static RabbitBroker start() throws Exception {
    if (!Files.isExecutable(SERVER)) {
      String msg = "rabbitmq-server is not installed (apt-get install rabbitmq-server)";
      if ("1".equals(System.getenv("PIPELENS_REQUIRE_ALL"))) {
        Assertions.fail(msg);
      }
      Assumptions.abort(msg);
    }
    Path dir = Files.createTempDirectory("pipelens-rabbit");
    RabbitBroker b = new RabbitBroker(dir, freePort(), freePort());
    Runtime.getRuntime().addShutdownHook(new Thread(b::kill));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!b.process.isAlive()) {
        throw new IllegalStateException("rabbitmq-server exited with " + b.process.exitValue()
            + ": " + Files.readString(dir.resolve("server.out")));
      }
      try (Connection c = b.factory().newConnection()) {
        return b;
      } catch (IOException | java.util.concurrent.TimeoutException e) {
        last = e;
      }
      b.process.waitFor(250, TimeUnit.MILLISECONDS); // bounded poll: returns early if it dies
    }
    b.close();
    throw new IllegalStateException("rabbitmq-server did not accept AMQP within 120 s", last);
  }

  ConnectionFactory factory() {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    f.setPort(port);
    f.setConnectionTimeout(2000);
    f.setAutomaticRecoveryEnabled(false);
    return f;
  }

  String uri() {
    return "amqp://guest:guest@127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public void close() throws Exception {
    ProcessBuilder stop = new ProcessBuilder(CTL.toString(), "-n", node, "stop")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stop.out").toFile());
    stop.environment().putAll(env);
    Process p = stop.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
