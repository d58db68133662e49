package io.pipelens.drift.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One configured retraining action. */
public sealed interface ActionSpec {
  /** The action's kind as used in the audit log and metric labels. */
  String kind();

  /**
   * A program run without a shell: {@code argv[0]} is the executable, the rest its arguments.
   *
   * @param timeout the process (and its descendants) is killed after this long
   * @param env extra environment variables
   */
  record Command(List<String> argv, Duration timeout, Map<String, String> env) implements ActionSpec {
    public Command {
      argv = List.copyOf(argv);
      env = Map.copyOf(env);
    }

    @Override
    public String kind() {
      return "command";
    }
  }

  /**
   * A JSON POST of the trigger event.
   *
   * @param retries further attempts after a failed one (connection error, timeout, non-2xx)
   * @param backoff wait before the first retry, doubled for each further one
   * @param timeout of one attempt
   */
  record Webhook(URI url, Map<String, String> headers, int retries, Duration backoff,
      Duration timeout) implements ActionSpec {
    public Webhook {
      headers = Map.copyOf(headers);
    }

    @Override
    public String kind() {
      return "webhook";
    }
  }

  /**
   * A message published to a RabbitMQ exchange (publisher confirms awaited).
   *
   * @param uri e.g. {@code amqp://user:pass@host:5672/vhost}
   * @param routingKey empty = the model name
   * @param timeout connection, publish and confirm each bounded by this
   */
  record Amqp(String uri, String exchange, String routingKey, Duration timeout) implements ActionSpec {
    @Override
    public String kind() {
      return "amqp";
    }
  }
}
