package io.pipelens.drift.retrain;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.pipelens.drift.config.ActionSpec;
import java.util.Map;

/**
 * Publishes the trigger ({@link RetrainEvent#toJson()}, persistent, {@code application/json})
 * to a RabbitMQ exchange with headers {@code traceparent}, {@code pipelens-model} and {@code
 * pipelens-model-version}, and waits for the broker's publisher confirm. The routing key is the
 * configured one, else the model name. A connection per trigger: triggers are rare and a
 * long-lived connection would need its own recovery.
 */
public final class AmqpAction implements RetrainAction {
  private final ActionSpec.Amqp spec;

  public AmqpAction(ActionSpec.Amqp spec) {
    this.spec = spec;
  }

  @Override
  public String kind() {
    return "amqp";
  }

  @Override
  public ActionResult run(RetrainEvent event) {
    ConnectionFactory f = new ConnectionFactory();
    int timeout = (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis());
    try {
      f.setUri(spec.uri());
    } catch (Exception e) {
      return ActionResult.of(ActionResult.FAILURE, 1, "bad AMQP URI: " + e.getMessage());
    }
    f.setConnectionTimeout(timeout);
    f.setHandshakeTimeout(timeout);
    f.setChannelRpcTimeout(timeout);
    f.setAutomaticRecoveryEnabled(false);
    String key = spec.routingKey().isEmpty() ? event.model() : spec.routingKey();
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json").deliveryMode(2).messageId(event.triggerId())
        .timestamp(new java.util.Date(event.timeUnixMs()))
        .headers(Map.of("traceparent", event.traceparent(), "pipelens-model", event.model(),
            "pipelens-model-version", event.version()))
        .build();
    try (Connection c = f.newConnection("pipelens-collector"); Channel ch = c.createChannel()) {
      ch.confirmSelect();
      ch.basicPublish(spec.exchange(), key, props, event.toJson());
      ch.waitForConfirmsOrDie(timeout);
      return ActionResult.of(ActionResult.SUCCESS, 1,
          "published to exchange '" + spec.exchange() + "' with routing key '" + key + "'");
    } catch (java.util.concurrent.TimeoutException e) {
      return ActionResult.of(ActionResult.TIMEOUT, 1, "no broker confirm within " + timeout + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ActionResult.of(ActionResult.FAILURE, 1, "interrupted (collector shutting down)");
    } catch (Exception e) {
      Throwable t = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
      return ActionResult.of(ActionResult.FAILURE, 1, t.getClass().getSimpleName() + ": "
          + t.getMessage());
    }
  }
}
