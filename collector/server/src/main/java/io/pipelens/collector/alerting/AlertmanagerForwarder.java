package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards alerts to external Alertmanagers as Prometheus does ({@code POST /api/v2/alerts},
 * at most 64 alerts a request): new alerts at once, and every alert still firing again every
 * {@code resendInterval} so the Alertmanager does not resolve it. A failed request (I/O error,
 * 5xx, 429) is tried again with exponential backoff (1s doubling to 10s, 5 attempts); the alerts
 * are counted as sent or failed per Alertmanager. Runs on one daemon thread of its own.
 */
final class AlertmanagerForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerForwarder.class);
  static final int MAX_BATCH = 64;
  static final int ATTEMPTS = 5;

  private record Held(Alert alert, Instant receivedAt) {}

  private final List<URI> targets;
  private final Duration resendInterval;
  private final Duration resolveTimeout;
  private final AlertingMetrics metrics;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService resender = daemon("pipelens-alert-resend");
  /** One sender thread per Alertmanager: a slow or dead one does not delay the others. */
  private final Map<URI, ScheduledExecutorService> senders = new LinkedHashMap<>();
  private final Map<String, Held> held = new LinkedHashMap<>();

  AlertmanagerForwarder(List<URI> targets, Duration resendInterval, Duration resolveTimeout,
      AlertingMetrics metrics, Clock clock) {
    this.targets = List.copyOf(targets);
    this.resendInterval = resendInterval;
    this.resolveTimeout = resolveTimeout;
    this.metrics = metrics;
    this.clock = clock;
    for (URI target : this.targets) {
      senders.put(target, daemon("pipelens-alert-forward-" + target.getHost() + ":" + target.getPort()));
    }
  }

  private static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  void start() {
    long ms = Math.max(1, resendInterval.toMillis());
    resender.scheduleWithFixedDelay(this::resendFiring, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Queues alerts to be posted at once; firing ones are remembered for re-sending. */
  void offer(List<Alert> alerts) {
    synchronized (this) {
      Instant now = clock.instant();
      for (Alert a : alerts) {
        held.put(a.fingerprint(), new Held(a, now));
      }
      dropResolved(now);
    }
    post(List.copyOf(alerts));
  }

  private void dropResolved(Instant now) {
    held.values().removeIf(h -> h.alert().endsAt() != null
        ? !h.alert().endsAt().isAfter(now)
        : !h.receivedAt().plus(resolveTimeout).isAfter(now));
  }

  private void resendFiring() {
    List<Alert> batch;
    synchronized (this) {
      dropResolved(clock.instant());
      batch = held.values().stream().map(Held::alert).toList();
    }
    post(batch);
  }

  private void post(List<Alert> alerts) {
    for (int from = 0; from < alerts.size(); from += MAX_BATCH) {
      List<Alert> chunk = alerts.subList(from, Math.min(alerts.size(), from + MAX_BATCH));
      String body = body(chunk);
      int size = chunk.size();
      for (URI target : targets) {
        try {
          senders.get(target).execute(() -> metrics.forwarded(target.toString(), send(target, body), size));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
          LOG.debug("forwarder closed; {} alert(s) not forwarded to {}", size, target);
        }
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

  private boolean send(URI target, String body) {
    URI url = URI.create(target.toString().replaceAll("/+$", "") + "/api/v2/alerts");
    Duration backoff = Duration.ofSeconds(1);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String problem;
      boolean retryable;
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "pipelens-collector")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 == 2) {
          return true;
        }
        problem = "HTTP " + r.statusCode() + ": " + abbreviate(r.body());
        retryable = r.statusCode() >= 500 || r.statusCode() == 429;
      } catch (IOException e) {
        problem = e.toString();
        retryable = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (!retryable || attempt == ATTEMPTS) {
        LOG.warn("forwarding alerts to {} failed after {} attempt(s): {}", target, attempt, problem);
        return false;
      }
      LOG.debug("forwarding alerts to {} failed ({}), retrying in {}", target, problem, backoff);
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
          ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
    }
    return false;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public void close() {
    resender.shutdownNow();
    senders.values().forEach(ScheduledExecutorService::shutdownNow);
  }
}
