package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external Alertmanager: alerts wait here (the latest version of each, so a dead Alertmanager
 * costs no more memory than the alerts themselves) and are posted by one thread of its own. A
 * failed request (I/O error, 5xx, 429) is tried again after 0.5s, 1s and 2s; other answers are
 * not retried. Alerts are counted in {@code pipelens_alerts_forwarded_total} as sent or failed.
 */
final class ForwardTarget {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardTarget.class);
  static final int MAX_BATCH = 64;
  static final int ATTEMPTS = 4;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final URI base;
  private final URI alertsUrl;
  private final AlertingMetrics metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService sender;
  private final Map<String, Alert> queued = new LinkedHashMap<>();
  private boolean draining;

  ForwardTarget(URI base, AlertingMetrics metrics) {
    this.base = base;
    this.alertsUrl = URI.create(base.toString().replaceAll("/+$", "") + "/api/v2/alerts");
    this.metrics = metrics;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "pipelens-alert-forward-" + base.getHost() + ":" + base.getPort());
      t.setDaemon(true);
      return t;
    });
  }

  synchronized void enqueue(List<Alert> alerts) {
    for (Alert a : alerts) {
      queued.put(a.fingerprint(), a);
    }
    if (!draining) {
      draining = true;
      try {
        sender.execute(this::drain);
      } catch (RejectedExecutionException closed) {
        draining = false;
      }
    }
  }

  private void drain() {
    while (true) {
      List<Alert> batch;
      synchronized (this) {
        if (queued.isEmpty() || Thread.currentThread().isInterrupted()) {
          draining = false;
          return;
        }
        batch = new ArrayList<>(queued.values());
        queued.clear();
      }
      for (int from = 0; from < batch.size(); from += MAX_BATCH) {
        List<Alert> chunk = batch.subList(from, Math.min(batch.size(), from + MAX_BATCH));
        metrics.forwarded(base.toString(), post(body(chunk)), chunk.size());
      }
    }
  }

  /** Prometheus' payload: labels, annotations, startsAt, endsAt (when known), generatorURL. */
  static String body(List<Alert> alerts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : alerts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("labels", a.labels());
      m.put("annotations", a.annotations());
      if (a.startsAt() != null) {
        m.put("startsAt", Json.time(a.startsAt()));
      }
      if (a.endsAt() != null) {
        m.put("endsAt", Json.time(a.endsAt()));
      }
      m.put("generatorURL", a.generatorURL());
      out.add(m);
    }
    return Json.write(out);
  }

  private boolean post(String body) {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      String problem;
      boolean retryable;
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(alertsUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "pipelens-collector")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 == 2) {
          return true;
        }
        String answer = r.body();
        problem = "HTTP " + r.statusCode() + ": "
            + (answer.length() > 200 ? answer.substring(0, 200) + "..." : answer);
        retryable = r.statusCode() >= 500 || r.statusCode() == 429;
      } catch (IOException e) {
        problem = e.toString();
        retryable = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (!retryable || attempt == ATTEMPTS) {
        LOG.warn("forwarding alerts to {} failed after {} attempt(s): {}", base, attempt, problem);
        return false;
      }
      LOG.debug("forwarding alerts to {} failed ({}), retrying in {}", base, problem, backoff);
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  void close() {
    sender.shutdownNow();
  }
}
