package io.pipelens.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the run report to the Python reporter through RabbitMQ (queue {@value #QUEUE}) and waits
 * for its acknowledgement on a private reply queue. The agent's RabbitMQ instrumentation adds a
 * producer span and writes {@code traceparent} into the message headers.
 */
final class ReportPublisher {
  static final String QUEUE = "pipeline.reports";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long REPLY_SECONDS = 60;
  private final String uri;

  ReportPublisher(String uri) {
    this.uri = uri;
  }

  /** Publishes {@code report}; returns the reporter's reply (where it wrote the report). */
  String publish(Map<String, Object> report) throws StepFailedException {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(uri);
    } catch (Exception e) {
      throw new StepFailedException("report: bad AMQP URI '" + uri + "': " + e.getMessage(), e);
    }
    factory.setConnectionTimeout(10_000);
    try (Connection connection = factory.newConnection("pipelens-example-scheduler");
        Channel channel = connection.createChannel()) {
      channel.queueDeclare(QUEUE, true, false, false, null);
      String replyQueue = channel.queueDeclare().getQueue();
      String correlation = UUID.randomUUID().toString();
      CompletableFuture<String> reply = new CompletableFuture<>();
      channel.basicConsume(replyQueue, true, (tag, delivery) -> {
        if (correlation.equals(delivery.getProperties().getCorrelationId())) {
          reply.complete(new String(delivery.getBody(), StandardCharsets.UTF_8));
        }
      }, tag -> reply.completeExceptionally(new IOException("reply consumer cancelled")));
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
          .contentType("application/json").correlationId(correlation).replyTo(replyQueue)
          .deliveryMode(2).build();
      channel.basicPublish("", QUEUE, props, JSON.writeValueAsBytes(report));
      return reply.get(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new StepFailedException("report: no reply from the reporter on queue " + QUEUE
          + " within " + REPLY_SECONDS + " s", e);
    } catch (ExecutionException | IOException e) {
      throw new StepFailedException("report: AMQP " + uri.replaceAll("//[^@/]*@", "//") + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("report: interrupted", e);
    }
  }
}
