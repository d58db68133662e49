package io.pipelens.example;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private RabbitMQ node from Debian's rabbitmq-server: its own node name, ports (AMQP,
 * distribution, epmd), Mnesia/log folders and Erlang cookie, bound to 127.0.0.1. Another helper's
 * node on the same machine never sees this one. Stopped (and its epmd ended) on close.
 */
final class RabbitBroker implements AutoCloseable {
  private static final String BIN = "/usr/lib/rabbitmq/bin/";
  final int amqpPort = Repo.freePort();
  private final int distPort = Repo.freePort();
  private final int epmdPort = Repo.freePort();
  private final String node = "pipelens-example-" + ProcessHandle.current().pid() + "@localhost";
  private final Path home;
  private ChildProcess server;

  RabbitBroker(Path home) {
    this.home = home;
  }

  String uri() {
    return "amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F";
  }

  RabbitBroker start() {
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve("enabled_plugins"), "[].\n");
      Files.writeString(home.resolve("rabbitmq.conf"), "loopback_users = none\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = ChildProcess.start("rabbitmq-server", List.of(BIN + "rabbitmq-server"), env(),
        home.resolve("server.log"));
    ConnectionFactory factory = new ConnectionFactory();
    factory.setPort(amqpPort);
    factory.setHost("127.0.0.1");
    factory.setConnectionTimeout(2000);
    await("RabbitMQ node " + node + " accepting AMQP on " + amqpPort).atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
          if (!server.alive()) {
            throw new AssertionError("rabbitmq-server exited:\n" + server.tail());
          }
          factory.newConnection().close();
          return true;
        });
    return this;
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString()); // the Erlang cookie lives here
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", String.valueOf(amqpPort));
    env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
    env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
    env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
    env.put("RABBITMQ_PID_FILE", home.resolve("rabbitmq.pid").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", home.resolve("advanced.config").toString());
    return env;
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    run(List.of(BIN + "rabbitmqctl", "-n", node, "shutdown"));
    server.close();
    run(List.of("epmd", "-port", String.valueOf(epmdPort), "-kill"));
    server = null;
  }

  private void run(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("stop.log").toFile()));
      builder.environment().putAll(env());
      Process p = builder.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // best effort: server.close() below still ends the node
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
