package io.pipelens.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.pipelens.drift.config.ActionSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real RabbitMQ broker (Debian's rabbitmq-server, started by the test). */
class AmqpActionTest extends RetrainActionContract {
  static RabbitBroker broker;
  static Connection connection;
  static Channel channel;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = RabbitBroker.start();
    connection = broker.factory().newConnection();
    channel = connection.createChannel();
    channel.exchangeDeclare("retrain", "topic", true);
    channel.queueDeclare("retrain-churn", true, false, false, null);
    channel.queueBind("retrain-churn", "retrain", "churn");
    channel.queueDeclare("retrain-custom", true, false, false, null);
    channel.queueBind("retrain-custom", "retrain", "models.churn.retrain");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static AmqpAction action(String exchange, String routingKey) {
    return new AmqpAction(new ActionSpec.Amqp(broker.uri(), exchange, routingKey, Duration.ofSeconds(10)));
  }

  @Override
  protected RetrainAction working() {
    return action("retrain", "");
  }

  @Override
  protected RetrainAction broken() {
    return action("no-such-exchange", "");
  }

  /** Consumes from the queue bound to the model name (the default routing key). */
  @Override
  protected Delivery received() {
    return take("retrain-churn");
  }

  private static Delivery take(String queue) {
    AtomicReference<GetResponse> got = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      got.set(channel.basicGet(queue, true));
      return got.get() != null;
    });
    GetResponse r = got.get();
    assertThat(r.getProps().getContentType()).isEqualTo("application/json");
    assertThat(r.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(r.getProps().getHeaders().get("pipelens-model").toString()).isEqualTo("churn");
    try {
      return new Delivery(r.getProps().getHeaders().get("traceparent").toString(),
          JSON.readTree(r.getBody()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void configuredRoutingKeyIsUsedAndBrokerDownIsAFailure() throws Exception {
    RetrainEvent e = event();
    assertThat(action("retrain", "models.churn.retrain").run(e).succeeded()).isTrue();
    Delivery d = take("retrain-custom");
    assertThat(d.body().path("triggerId").asText()).isEqualTo(e.triggerId());

    ActionResult down = new AmqpAction(new ActionSpec.Amqp("amqp://guest:guest@127.0.0.1:1/",
        "retrain", "", Duration.ofSeconds(2))).run(e);
    assertThat(down.outcome()).isEqualTo(ActionResult.FAILURE);
    assertThat(down.detail()).contains("Connect");
  }
}
