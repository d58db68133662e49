package io.pipelens.drift.retrain;

import io.pipelens.drift.config.ActionSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * POSTs the trigger as JSON ({@link RetrainEvent#toJson()}) with a {@code traceparent} header.
 * 2xx is success; connection errors, timeouts, 408, 429 and 5xx are retried after the backoff
 * (doubled each time); other statuses fail at once (retrying cannot fix a 400 or 401).
 */
public final class WebhookAction implements RetrainAction {
  private final ActionSpec.Webhook spec;
  private final HttpClient http;

  public WebhookAction(ActionSpec.Webhook spec) {
    this.spec = spec;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(spec.timeout()).build();
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public ActionResult run(RetrainEvent event) {
    HttpRequest.Builder b = HttpRequest.newBuilder(spec.url()).timeout(spec.timeout())
        .header("Content-Type", "application/json").header("traceparent", event.traceparent())
        .header("User-Agent", "pipelens-collector")
        .POST(HttpRequest.BodyPublishers.ofByteArray(event.toJson()));
    spec.headers().forEach(b::header);
    HttpRequest request = b.build();
    long backoff = spec.backoff().toMillis();
    String last = "";
    for (int attempt = 1; attempt <= spec.retries() + 1; attempt++) {
      try {
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
          return ActionResult.of(ActionResult.SUCCESS, attempt, "HTTP " + status);
        }
        last = "HTTP " + status;
        if (status != 408 && status != 429 && status < 500) {
          return ActionResult.of(ActionResult.FAILURE, attempt, last + " (not retried)");
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ActionResult.of(ActionResult.FAILURE, attempt, "interrupted (collector shutting down)");
      }
      if (attempt <= spec.retries()) {
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ActionResult.of(ActionResult.FAILURE, attempt, last + "; interrupted");
        }
        backoff = Math.min(backoff * 2, 300_000);
      }
    }
    return ActionResult.of(ActionResult.FAILURE, spec.retries() + 1, last + " after "
        + (spec.retries() + 1) + " attempts");
  }
}
